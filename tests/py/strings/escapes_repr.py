# Escape sequences and repr quoting rules.
print('tab:\tend', 'nl:\\n', 'quote:\'', "dq:\"", 'bs:\\')
print(repr('plain'), repr("it's"), repr('say "hi"'), repr('both \' and "'))
print(repr('\n\t\r\x00\x7f'), repr('\x1b[0m'), repr('é€'), repr('\u200b'))
print(repr(''), repr('\\'), len('\\'), len('\x41'), '\x41\u0042\N{LATIN SMALL LETTER C}')
print('\101\102', '\0' == '\x00', r'raw\n', len(r'\n'))
print("""triple
quoted""")
print('a' 'b' 'c', ('implicit '
                    'concat'))
print(str('x'), str(['a', "b'c", 'd"e']), ['\n'], ('\t',))
print('%r' % 'x', f'{"q"!r}', repr('é'))
