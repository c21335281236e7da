# --8<-- [start:fix-certifi]
py -m pip install --upgrade certifi
# --8<-- [end:fix-certifi]
