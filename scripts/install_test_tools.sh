#!/bin/sh
# Install the system tools the test suite drives, when they are missing:
#   - chromium: real-browser tests (Playwright cannot download its own browser here)
#   - faketime: the lab's wrong-clock scenario
#   - shellcheck: the linter's check of every shell snippet
# With arguments, only those (`make lint` needs shellcheck alone).
# Debian/Ubuntu only; anything else gets a message naming the packages. Tests
# never skip for a missing tool: they fail, and this script is how CI gets them.
set -eu

[ $# -gt 0 ] || set -- chromium faketime shellcheck
missing=""
for tool in "$@"; do
    command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
[ -n "$missing" ] || exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_test_tools: please install:$missing (no apt-get on this machine)" >&2
    exit 1
fi
if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
else
    echo "install_test_tools: need root to apt-get install:$missing" >&2
    exit 1
fi
echo "install_test_tools: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086  # $missing is a word list on purpose
$sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
