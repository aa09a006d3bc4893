# An uncaught NameError from an undefined global used inside a function.
def compute():
    return undefined_value_xyz * 2
print('before')
compute()
