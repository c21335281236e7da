# --8<-- [start:fix-mirror-https]
py -m pip config --user set global.index-url https://pypi.tuna.tsinghua.edu.cn/simple
# --8<-- [end:fix-mirror-https]
# --8<-- [start:fix-mirror-once]
py -m pip install <package> -i https://mirrors.aliyun.com/pypi/simple/
# --8<-- [end:fix-mirror-once]
