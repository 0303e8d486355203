"""Prints each error reply with text in an lldb `log enable gdb-remote
packets` log, decoded, after the packet it answers:

    Z1,555555555158,1 -> E09: <text>

usage: error_replies.py LOG"""
import binascii
import re
import sys

PACKET = re.compile(r"(send|read) packet: \$([^#]*)#")

request = None
with open(sys.argv[1]) as log:
    for line in log:
        match = PACKET.search(line)
        if not match:
            continue
        direction, body = match.groups()
        if direction == "send":
            request = body
            continue
        code, separator, text = body.partition(";")
        if re.fullmatch(r"E[0-9a-fA-F]{2}", code) and separator:
            print(f"{request} -> {code}: "
                  f"{binascii.unhexlify(text).decode()}")
