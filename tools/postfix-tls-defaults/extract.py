#!/usr/bin/env python3
"""Builds mailtls's table of Postfix TLS parameter defaults from the Postfix sources.

For every release tag vX.Y.Z from 2.6.0 on (release candidates and patch-only tags skipped) it reads
src/global/mail_params.h, evaluates each VAR_* name and its DEF_* default the way the C
preprocessor would on a Linux build, once for each OpenSSL release in ERAS (some defaults, such
as the aNULL:-aNULL: prefix, depend on the OpenSSL headers), and keeps the TLS parameters (and the few others in EXTRA). It prints one
row per change: name, first release with that value, oldest OpenSSL with that value, value, and
the file and tag it came from. A value of "-" means the release does not know the parameter.

Usage: extract.py POSTFIX_GIT_DIR > src/MailTls.Core/Postfix/Data/tls-parameter-defaults.tsv
(a clone of github.com/vdukhovni/postfix, whose tags are the Postfix releases).
"""
import re
import subprocess
import sys

TLS_NAME = re.compile(r'(^|_)(starttls|tls|tlsproxy|tlsmgr)(_|$)')
# Parameters outside the TLS name space that mailtls's TLS checks read.
EXTRA = {'compatibility_level', 'smtp_dns_support_level', 'lmtp_dns_support_level', 'smtp_host_lookup',
         'smtp_mx_address_limit', 'relayhost', 'transport_maps', 'default_transport', 'relay_transport',
         'smtp_tcp_port', 'lmtp_tcp_port'}
TAG = re.compile(r'^v(\d+)\.(\d+)\.(\d+)$')
# Preprocessor facts of a Linux build with OpenSSL 1.1.1+ (the curve names are OpenSSL's SN_*).
# OpenSSL releases whose headers change what mail_params.h defines, as OPENSSL_VERSION_NUMBER.
ERAS = [('0.9.8', 0x0090800f), ('1.0.0', 0x1000000f), ('1.0.1', 0x1000100f), ('1.0.2', 0x1000200f),
        ('1.1.0', 0x1010000f), ('1.1.1', 0x1010100f), ('3.0', 0x30000000)]
# (macro, value, first OpenSSL release whose headers define it)
OPENSSL_MACROS = [('SN_X9_62_prime256v1', '"prime256v1"', 0), ('SN_secp521r1', '"secp521r1"', 0),
                  ('SN_secp384r1', '"secp384r1"', 0), ('SN_X25519', '"X25519"', 0x1010000f),
                  ('SN_X448', '"X448"', 0x1010100f), ('SN_ffdhe2048', '"ffdhe2048"', 0x1010100f),
                  ('SN_ffdhe3072', '"ffdhe3072"', 0x1010100f)]
DEFINED = {'USE_TLS': None, 'PREFERRED_RAND_SOURCE': '"dev:/dev/urandom"',
           # src/global/mail_proto.h
           'MAIL_SERVICE_TLSPROXY': '"tlsproxy"', 'MAIL_SERVICE_TLSMGR': '"tlsmgr"',
           'MAIL_SERVICE_SMTP': '"smtp"', 'MAIL_SERVICE_RELAY': '"relay"'}


def git(repo, *args):
    return subprocess.run(['git', '-C', repo, *args], capture_output=True, text=True, check=True).stdout


def logical_lines(text):
    text = re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)
    return text.replace('\\\n', ' ').splitlines()


def condition(expr, macros, era):
    # OPENSSL_VERSION_PREREQ(maj, min) of the OpenSSL release assumed.
    expr = re.sub(r'OPENSSL_VERSION_PREREQ\s*\(\s*(\d+)\s*,\s*(\d+)\s*\)',
                  lambda m: ' 1 ' if (int(m.group(1)) << 28 | int(m.group(2)) << 20) <= era else ' 0 ', expr)
    expr = re.sub(r'defined\s*\(\s*(\w+)\s*\)', lambda m: ' 1 ' if m.group(1) in macros else ' 0 ', expr)
    expr = re.sub(r'\b(\w+)\b', lambda m: macros.get(m.group(1)) or m.group(1) if not m.group(1)[0].isdigit() else m.group(1), expr)
    expr = expr.replace('&&', ' and ').replace('||', ' or ').replace('!', ' not ').replace(' not =', '!=')
    expr = re.sub(r'(0x[0-9a-fA-F]+|\d+)[uUlL]+', r'\1', expr)
    try:
        return bool(eval(expr, {}, {}))
    except Exception:
        return False


def preprocess(text, era):
    """Returns macro name -> replacement text and var name -> C type of its extern, or None when
    the release refuses to build with that OpenSSL (#error)."""
    macros = {k: (v if v is not None else '1') for k, v in DEFINED.items()}
    macros['OPENSSL_VERSION_NUMBER'] = hex(era)
    for name, value, since in OPENSSL_MACROS:
        if era >= since:
            macros[name] = value
            macros['NID' + name[2:]] = '1'
    types = {}
    stack = []  # (taking, any_branch_taken)
    pending = []  # VAR_* names whose extern declaration has not been seen yet
    for line in logical_lines(text):
        s = line.strip()
        m = re.match(r'#\s*(\w+)\s*(.*)', s)
        active = all(t for t, _ in stack)
        if m:
            d, rest = m.group(1), m.group(2).strip()
            if d in ('ifdef', 'ifndef'):
                name = rest.split()[0]
                take = (name in macros) == (d == 'ifdef')
                stack.append((take, take))
            elif d == 'if':
                take = condition(rest, macros, era)
                stack.append((take, take))
            elif d == 'elif':
                _, done = stack.pop()
                take = not done and condition(rest, macros, era)
                stack.append((take, done or take))
            elif d == 'else':
                _, done = stack.pop()
                stack.append((not done, True))
            elif d == 'endif':
                stack.pop()
            elif d == 'error' and active:
                return None, None
            elif d == 'define' and active:
                dm = re.match(r'(\w+)(\([^)]*\))?\s*(.*)', rest)
                name, value = dm.group(1), dm.group(3).strip()
                if name not in DEFINED:
                    macros[name] = value
                if name.startswith('VAR_'):
                    pending.append(name)
            continue
        if active and pending:
            # smtp_* and lmtp_* pairs share one extern, declared after both names.
            em = re.match(r'extern\s+(?:const\s+)?(\w+)\s*\*?\s*var_\w+\s*;', s)
            if em:
                for var in pending:
                    types[var] = em.group(1)
                pending = []
    return macros, types


def evaluate(expr, macros, depth=0):
    if depth > 20:
        raise ValueError(expr)
    # ((A B)+1): C pointer arithmetic that drops the first character (tls_disable_workarounds, 2.8.0-2.8.1).
    skip = re.fullmatch(r'\(\((.*)\)\s*\+\s*1\)', expr.strip())
    if skip:
        return evaluate(skip.group(1), macros, depth + 1)[1:]
    out = []
    for tok in re.findall(r'"(?:[^"\\]|\\.)*"|\w+|\S', expr):
        if tok.startswith('"'):
            out.append(bytes(tok[1:-1], 'utf-8').decode('unicode_escape'))
        elif tok in macros:
            out.append(evaluate(macros[tok], macros, depth + 1))
        elif re.fullmatch(r'-?\d+[lLuU]*', tok):
            out.append(str(int(tok.rstrip('lLuU'))))
        elif tok in ('(', ')'):
            continue
        else:
            raise ValueError(f'{tok} in {expr}')
    return ''.join(out)


def registered_names(repo, tag):
    return set(re.findall(r'VAR_\w+', git(repo, 'grep', '-h', '-o', '-E', r'VAR_[A-Za-z0-9_]+,', tag, '--', 'postfix/src/*.c')))


def defaults(tag, header, era, registered):
    macros, types = preprocess(header, era)
    if macros is None:
        return None
    # postconf knows a name only when some program's parameter table uses it (src/postconf/extract.awk
    # collects "VAR_X, DEF_X" pairs from the C sources), so names only #defined are left out.
    result = {}
    for var, quoted in macros.items():
        if not var.startswith('VAR_') or not quoted.startswith('"') or var not in registered:
            continue
        try:
            name = evaluate(quoted, macros)
        except ValueError:
            continue
        default_macro = 'DEF_' + var[4:]
        if not (TLS_NAME.search(name) or name in EXTRA) or default_macro not in macros:
            continue
        try:
            value = evaluate(macros[default_macro], macros)
        except ValueError as e:
            sys.exit(f'{tag}: cannot evaluate {default_macro}: {e}')
        if types.get(var) == 'bool' and value in ('0', '1'):
            value = 'yes' if value == '1' else 'no'
        result[name] = value
    return result


def main():
    repo = sys.argv[1]
    tags = []
    for t in git(repo, 'tag').split():
        m = TAG.match(t)
        if m and (int(m.group(1)), int(m.group(2))) >= (2, 6):
            tags.append(((int(m.group(1)), int(m.group(2)), int(m.group(3))), t))
    tags.sort()
    current = {}  # name -> tuple of (era, value) in force
    rows = []
    for version, tag in tags:
        header = git(repo, 'show', f'{tag}:postfix/src/global/mail_params.h')
        registered = registered_names(repo, tag)
        per_era = [(name, defaults(tag, header, number, registered)) for name, number in ERAS]
        per_era = [(era, values) for era, values in per_era if values is not None]
        for name in sorted(set().union(*(v.keys() for _, v in per_era)) | set(current)):
            variants = []
            for era, values in per_era:
                value = values.get(name, '-')
                if not variants or variants[-1][1] != value:
                    variants.append((era, value))
            # The oldest OpenSSL the release builds with stands for every older one too.
            variants[0] = ('0', variants[0][1])
            variants = tuple(variants)
            if current.get(name, (('0', '-'),)) != variants:
                for era, value in variants:
                    rows.append((name, '.'.join(map(str, version)), era, value, f'src/global/mail_params.h@{tag}'))
                current[name] = variants
    print('# Postfix TLS parameter defaults: one row per change, generated by tools/postfix-tls-defaults/extract.py')
    print('# from src/global/mail_params.h (and the parameter tables of src/*/*.c) of every Postfix release tag')
    print('# from v2.6.0 on (github.com/vdukhovni/postfix), evaluated for each OpenSSL release whose headers matter.')
    print('# Columns: name, first Postfix release with this value, oldest OpenSSL (as built against) with this value')
    print('# ("0": any), the default ("-": the release does not know the parameter), the file and tag it came from.')
    print('# A release applies the rows of the latest release number not above it; a change in a patch release')
    print('# of an older series (2.9.14) is followed by a row restoring the value at the next series (2.10.0).')
    for r in sorted(rows, key=lambda r: (r[0], tuple(map(int, r[1].split('.'))), tuple(map(int, r[2].split('.'))))):
        print('\t'.join(r))


main()
