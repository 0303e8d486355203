"""lldb command `check_allocation`: maps a page in the stopped process
through the server (lldb's _M packet) and prints whether the address is
mapped, writable and readable."""
import lldb


def check_allocation(debugger, command, result, internal_dict):
    process = debugger.GetSelectedTarget().GetProcess()
    error = lldb.SBError()
    permissions = lldb.ePermissionsReadable | lldb.ePermissionsWritable
    address = process.AllocateMemory(0x1000, permissions, error)
    print("allocated:", error.Success() and address not in (0, lldb.LLDB_INVALID_ADDRESS))
    region = lldb.SBMemoryRegionInfo()
    process.GetMemoryRegionInfo(address, region)
    print("mapped:", region.IsMapped() and region.IsWritable())
    pattern = b"first allocation"
    process.WriteMemory(address, pattern, error)
    print("round trip:", process.ReadMemory(address, len(pattern), error) == pattern)


def __lldb_init_module(debugger, internal_dict):
    debugger.HandleCommand("command script add -f %s.check_allocation "
                           "check_allocation" % __name__)
