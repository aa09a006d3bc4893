# An uncaught user-defined exception raised from a method three frames deep.
class ValidationError(Exception):
    pass
class Form:
    def __init__(self, fields):
        self.fields = fields
    def check(self, name):
        if not self.fields.get(name):
            raise ValidationError(f'field {name!r} is required')
    def validate(self):
        for name in ['user', 'email']:
            self.check(name)
        return True
print(Form({'user': 'a', 'email': 'b'}).validate())
Form({'user': 'a'}).validate()
