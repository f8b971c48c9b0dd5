// attention-launch: starts the processes of one machine of a data-parallel run with the variables torchrun sets
// (MASTER_ADDR, MASTER_PORT, WORLD_SIZE, RANK, LOCAL_RANK, ...), waits for them, and stops them all when one fails.
//
//   dotnet run --project tools/Attention.Launch -- --nproc-per-node 2 dotnet app.dll [app options]
//
// The launcher's options come first; the first word that is not one of them starts the program and its own
// arguments (or put "--" before the program).
using System;
using System.CommandLine;
using System.Linq;
using Attention.Runtime.Distributed;

string[] launcherOptions = ["--nproc-per-node", "--nnodes", "--node-rank", "--master-addr", "--master-port"];
(string[] own, string[] program) = Split(args, launcherOptions);

var defaults = new Launcher();
var nprocPerNode = new Option<int>("--nproc-per-node") { Description = "Processes to start on this machine.", DefaultValueFactory = _ => defaults.nproc_per_node };
var nnodes = new Option<int>("--nnodes") { Description = "Machines taking part, each running this launcher.", DefaultValueFactory = _ => defaults.nnodes };
var nodeRank = new Option<int>("--node-rank") { Description = "This machine's index, 0 for the machine that serves the store.", DefaultValueFactory = _ => defaults.node_rank };
var masterAddr = new Option<string>("--master-addr") { Description = "The address of machine 0, reachable from every machine.", DefaultValueFactory = _ => defaults.master_addr };
var masterPort = new Option<int>("--master-port") { Description = "The port of machine 0's store (0: a free port, one machine only).", DefaultValueFactory = _ => defaults.master_port };

var command = new RootCommand("Starts the processes of a data-parallel run with torchrun's variables; the program and its arguments follow the options.")
{
    nprocPerNode, nnodes, nodeRank, masterAddr, masterPort,
};
command.SetAction(result =>
{
    if (program.Length == 0)
    {
        Console.Error.WriteLine("No program to launch: give it after the options, e.g. attention-launch --nproc-per-node 2 dotnet app.dll");
        return 2;
    }

    try
    {
        var launcher = new Launcher
        {
            nproc_per_node = result.GetValue(nprocPerNode),
            nnodes = result.GetValue(nnodes),
            node_rank = result.GetValue(nodeRank),
            master_addr = result.GetValue(masterAddr)!,
            master_port = result.GetValue(masterPort),
        };
        return launcher.Run(program[0], program[1..]);
    }
    catch (ArgumentException e)
    {
        Console.Error.WriteLine(e.Message);
        return 2;
    }
    catch (System.ComponentModel.Win32Exception e)
    {
        Console.Error.WriteLine($"Cannot start '{program[0]}': {e.Message}");
        return 2;
    }
});

return command.Parse(own).Invoke();

// The launcher's own arguments (its options and their values, or --help) and the program's (from the first other word).
static (string[] Own, string[] Program) Split(string[] args, string[] options)
{
    int i = 0;
    while (i < args.Length)
    {
        string arg = args[i];
        if (arg == "--")
        {
            return (args[..i], args[(i + 1)..]);
        }

        if (options.Contains(arg))
        {
            i += 2;  // the option and its value
        }
        else if (options.Any(o => arg.StartsWith(o + "=", StringComparison.Ordinal)) || arg is "-h" or "--help" or "-?" or "--version")
        {
            i++;
        }
        else
        {
            break;
        }
    }

    i = Math.Min(i, args.Length);
    return (args[..i], args[i..]);
}
