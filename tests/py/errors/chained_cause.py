# raise ... from ...: the cause's traceback is printed first.
class ConfigError(Exception):
    pass
def parse_port(text):
    try:
        return int(text)
    except ValueError as exc:
        raise ConfigError('port must be a number') from exc
print(parse_port('8080'))
parse_port('http')
