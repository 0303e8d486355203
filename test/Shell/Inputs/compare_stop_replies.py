"""Reads a server log written with the "iothreads stop-replies" channel,
where each stop reply the server sent is followed by the one LLGS would
have sent for the same stop, and checks that lldb would read both the same:
the same fields with the same values, jstopinfo compared as parsed JSON.
Prints the stop reasons and the thread names seen, one per line.

usage: compare_stop_replies.py LOG"""
import json
import re
import sys


def fields(reply):
    """The reply's signal and its key:value fields, jstopinfo parsed."""
    assert reply.startswith("T"), reply
    parsed = {"signal": reply[1:3]}
    for field in reply[3:].rstrip(";").split(";"):
        key, _, value = field.partition(":")
        if key == "jstopinfo":
            value = json.loads(bytes.fromhex(value))
        parsed.setdefault(key, []).append(value)
    return parsed


def main():
    replies = re.findall(r"stop reply \((ours|LLGS)\): (\S+)",
                         open(sys.argv[1]).read())
    if not replies or len(replies) % 2:
        sys.exit("expected pairs of stop replies, got %d" % len(replies))
    seen = set()
    for (who, ours), (other, llgs) in zip(replies[::2], replies[1::2]):
        assert (who, other) == ("ours", "LLGS"), (who, other)
        if fields(ours) != fields(llgs):
            sys.exit("stop replies differ:\nours %s\nLLGS %s" % (ours, llgs))
        parsed = fields(ours)
        for reason in parsed.get("reason", []):
            seen.add("reason %s" % reason)
        for thread in parsed.get("jstopinfo", [[]])[0]:
            seen.add("reason %s" % thread.get("reason", "none"))
            seen.add("name %s" % thread.get("name", ""))
    print("%d stop replies agree" % (len(replies) // 2))
    print("\n".join(sorted(seen)))


if __name__ == "__main__":
    main()
