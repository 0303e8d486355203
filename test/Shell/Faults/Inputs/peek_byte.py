"""Prints the byte at ADDRESS (hex) in the memory of the process whose pid
PID_FILE holds, as the kernel holds it: read from outside any debugger,
through /proc/PID/mem.

usage: peek_byte.py PID_FILE ADDRESS"""
import sys

with open(sys.argv[1]) as pid_file:
    pid = int(pid_file.read())
address = int(sys.argv[2], 16)
with open("/proc/%d/mem" % pid, "rb") as memory:
    memory.seek(address)
    print("byte at 0x%x: 0x%02x" % (address, memory.read(1)[0]))
