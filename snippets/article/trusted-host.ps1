# --8<-- [start:insecure-trusted-host-once]
py -m pip install <package> --trusted-host pypi.org --trusted-host files.pythonhosted.org
# --8<-- [end:insecure-trusted-host-once]
