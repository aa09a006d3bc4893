# An uncaught exception inside a method called from a list comprehension.
class Account:
    def __init__(self, name, balance):
        self.name = name
        self.balance = balance
    def share(self, parts):
        return self.balance // parts
accounts = [Account('a', 100), Account('b', 50)]
print([acct.share(2) for acct in accounts])
print([acct.share(len(acct.name) - 1) for acct in accounts])
