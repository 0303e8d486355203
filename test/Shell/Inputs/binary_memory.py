"""lldb command `check_binary_reads`: reads the memory binary_memory.c sets
up through the server's binary reads and prints what came back."""
import lldb


def check_binary_reads(debugger, command, result, internal_dict):
    target = debugger.GetSelectedTarget()
    process = target.GetProcess()
    error = lldb.SBError()

    def read(name, size):
        address = target.FindFirstGlobalVariable(name).GetLoadAddress()
        data = process.ReadMemory(address, size, error)
        return error.Success() and data

    print("every byte value:", read("every_byte", 256) == bytes(range(256)))
    expected = bytes((i * 7 + (i >> 11)) & 0xFF for i in range(1 << 20))
    print("1 MiB, several packets:", read("large", 1 << 20) == expected)

    # The bytes under a breakpoint are the program's, not the trap.
    main = target.FindFunctions("main")[0].GetSymbol().GetStartAddress()
    from_process = process.ReadMemory(main.GetLoadAddress(target), 4, error)
    from_file = target.ReadMemory(main, 4, error)
    print("under a breakpoint:", from_process == from_file)

    # A read running into an unmapped page answers with what precedes it.
    edge = target.FindFirstGlobalVariable("before_hole").GetValueAsUnsigned()
    answer = lldb.SBCommandReturnObject()
    debugger.GetCommandInterpreter().HandleCommand(
        "process plugin packet send x%x,40" % edge, answer)
    print(answer.GetOutput().strip())


def __lldb_init_module(debugger, internal_dict):
    debugger.HandleCommand("command script add -f %s.check_binary_reads "
                           "check_binary_reads" % __name__)
