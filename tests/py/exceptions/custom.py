# User-defined exception classes with extra state, hierarchies and __str__.
class AppError(Exception):
    pass
class ConfigError(AppError):
    def __init__(self, key, reason='missing'):
        super().__init__(key, reason)
        self.key = key
        self.reason = reason
    def __str__(self):
        return f'config key {self.key!r}: {self.reason}'
class RetryableError(AppError):
    attempts = 0
def load(key):
    if key == 'bad':
        raise ConfigError(key, 'invalid value')
    if key == 'none':
        raise ConfigError(key)
    if key == 'flaky':
        RetryableError.attempts += 1
        raise RetryableError('try again', RetryableError.attempts)
    return key.upper()
for k in ['ok', 'bad', 'none', 'flaky', 'flaky']:
    try:
        print('loaded', load(k))
    except ConfigError as e:
        print('ConfigError:', e, e.args, e.key, repr(e))
    except AppError as e:
        print(type(e).__name__, e, e.args)
print(issubclass(ConfigError, AppError), isinstance(ConfigError('k'), Exception))
class Plain(Exception):
    pass
print(repr(Plain()), repr(Plain('a', 1)), str(Plain('only')))
