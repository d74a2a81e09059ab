"""Makes the Python-derived test data of amp-core's argument type tests.

Run once with CPython 3.11 and Twisted 22.4 (Debian's /usr/bin/python3):

    /usr/bin/python3 make-python-vectors.py float-repr.txt python-parse.txt

float-repr.txt: 200 lines "<16 hex digits of the IEEE-754 bits> <repr(float)>".
python-parse.txt: lines "<kind> TAB <hex of the wire bytes> TAB <result>", where kind is int
(int(bytes)), float (float(bytes)), decimal (decimal.Decimal(bytes.decode('ascii'))), utf8
(bytes.decode('utf-8')) or datetime (twisted.protocols.amp.DateTime().fromString(bytes)), and
result is what Python returned (str(int), the float's bits or 'nan', str(Decimal), OK, or
'year month day hour minute second microsecond utcoffset-seconds') or ERR:<str(exception)>.
The inputs are random mutations of valid and invalid text (seeded), half of them accepted and
half refused where there are enough of each.
"""
import decimal
import random
import struct
import sys

from twisted.protocols import amp


def bits(x):
    return struct.unpack('>Q', struct.pack('>d', x))[0]


def from_bits(b):
    return struct.unpack('>d', struct.pack('>Q', b))[0]


def float_repr(out):
    rng = random.Random(20220401)
    vals = []
    # powers of two across the whole range, including subnormal ones
    for e in [-1074, -1073, -1060, -1023, -1022, -1000, -500, -100, -60, -44, -1, 0, 1, 10,
              52, 53, 54, 60, 70, 100, 500, 1000, 1023]:
        vals.append(2.0 ** e)
    for _ in range(25):  # subnormals
        vals.append(from_bits(rng.randrange(1, 1 << 52)))
    while len(vals) < 120:  # random finite bit patterns
        x = from_bits(rng.getrandbits(64))
        if x == x and abs(x) != float('inf'):
            vals.append(x)
    for _ in range(30):  # short decimals
        vals.append(round(rng.uniform(-1e6, 1e6), rng.randrange(0, 8)))
    for _ in range(17):  # large integers
        vals.append(float(rng.randrange(-2**60, 2**60)))
    for s in ['1e16', '9999999999999998.0', '1e-4', '9.999999999999999e-05', '1e22', '1e23',
              '0.1', '0.3', '2.2250738585072014e-308', '2.225073858507201e-308',
              '1.7976931348623157e+308', '4.9406564584124654e-324', '123456789012345678',
              '0.30000000000000004', '5e-324', '1e-7', '1.5e300', '-0.0', '0.0', 'inf', '-inf',
              'nan', '9007199254740993', '4.35', '2.675', '1e15', '123e-20', '299792458.0',
              '6.02214076e23', '1.602176634e-19', '-273.15', '3.141592653589793',
              '2.718281828459045']:
        vals.append(float(s))
    vals = vals[:200]
    out.write('# 200 (IEEE-754 bits, repr) pairs made once with CPython %s by\n'
              % sys.version.split()[0])
    out.write('# make-python-vectors.py (random.Random(20220401): powers of two, subnormals,\n')
    out.write('# random bit patterns, short decimals, integers, edge values).\n')
    out.write('# Format: 16 hex digits of the bits, a space, repr(float).\n')
    for x in vals:
        out.write('%016x %r\n' % (bits(x), x))


ALPHABET = list(b'0123456789') * 3 + list(b'__++--..eE  \t\x0b\x0c\x1c\x1finfatysNIxX')
WORDS = [b'inf', b'Infinity', b'nan', b'NaN', b'sNaN', b'snan', b'-inf', b'+nan', b'1_000',
         b'1e5', b'.5', b'5.', b'1.e-3', b'12_3.4_5e1_0', b' 42 ', b'-0', b'0e0', b'NaN12',
         b'-sNaN007']


def python_parse(out):
    rng = random.Random(7)

    def mutate(b):
        b = bytearray(b)
        for _ in range(rng.randrange(0, 3)):
            op = rng.randrange(3)
            if op == 0 and b:
                del b[rng.randrange(len(b))]
            elif op == 1:
                b.insert(rng.randrange(len(b) + 1), rng.choice(ALPHABET))
            elif b:
                b[rng.randrange(len(b))] = rng.choice(ALPHABET)
        return bytes(b)

    def text():
        if rng.random() < 0.5:
            return bytes(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 12)))
        return mutate(rng.choice(WORDS))

    def run(f, b):
        try:
            return f(b)
        except Exception as e:  # the message is what the Java side must reproduce
            return 'ERR:' + str(e)

    def as_float(b):
        x = float(b)
        return 'nan' if x != x else '%016x' % bits(x)

    def as_decimal(b):
        try:
            return str(decimal.Decimal(b.decode('ascii')))
        except decimal.InvalidOperation:
            return 'ERR:InvalidOperation'

    def as_utf8(b):
        b.decode('utf-8')
        return 'OK'

    def as_datetime(b):
        d = amp.DateTime().fromString(b)
        off = d.utcoffset()  # Twisted checks the offset only here
        return '%d %d %d %d %d %d %d %d' % (
            d.year, d.month, d.day, d.hour, d.minute, d.second, d.microsecond,
            off.days * 86400 + off.seconds)

    cases = {k: {} for k in ('int', 'float', 'decimal', 'utf8', 'datetime')}
    for _ in range(40000):
        b = text()
        cases['int'][b] = run(lambda s: str(int(s)), b)
        cases['float'][b] = run(as_float, b)
        cases['decimal'][b] = run(as_decimal, b)
    for _ in range(30000):
        b = bytes(rng.choice([rng.randrange(256), rng.randrange(0x80, 0xc0),
                              rng.choice([0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xc0,
                                          0xc1]), 0x41])
                  for _ in range(rng.randrange(0, 6)))
        cases['utf8'][b] = run(as_utf8, b)
    base = [b'2022-04-01T12:30:45.123456+05:30', b'0001-01-01T00:00:00.000000-00:00',
            b'9999-12-31T23:59:59.999999+14:00', b'2024-02-29T00:00:00.000000+18:00']
    dt_alphabet = list(b'0123456789') * 3 + list(b' +-_x:.T')
    for _ in range(30000):
        b = bytearray(rng.choice(base))
        for _ in range(rng.randrange(1, 4)):
            b[rng.randrange(len(b))] = rng.choice(dt_alphabet)
        b = bytes(b)
        cases['datetime'][b] = run(as_datetime, b)

    pick = random.Random(1)
    out.write('# Made once with CPython %s and Twisted 22.4 by make-python-vectors.py;\n'
              % sys.version.split()[0])
    out.write('# kind TAB wire bytes in hex TAB Python result (see the script).\n')
    for kind, results in cases.items():
        ok = sorted(b for b, r in results.items() if not r.startswith('ERR:'))
        bad = sorted(b for b, r in results.items() if r.startswith('ERR:'))
        chosen = pick.sample(ok, min(300, len(ok))) + pick.sample(bad, min(300, len(bad)))
        for b in chosen:
            out.write('%s\t%s\t%s\n' % (kind, b.hex(), results[b]))


if __name__ == '__main__':
    with open(sys.argv[1], 'w') as f:
        float_repr(f)
    with open(sys.argv[2], 'w') as f:
        python_parse(f)
