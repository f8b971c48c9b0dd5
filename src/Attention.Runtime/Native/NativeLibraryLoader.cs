using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Attention.Runtime.Native;

/// <summary>
/// Loads the native shim, and libtorch from <c>ATTENTION_LIBTORCH</c> when that is set. A load
/// failure is reported with the loader's own message and what to do about it, never swallowed.
/// </summary>
internal static class NativeLibraryLoader
{
    public const string ShimName = "attention_shim";
    public const string LibTorchVariable = "ATTENTION_LIBTORCH";

#pragma warning disable CA2255 // The resolver must be in place before the first P/Invoke of this assembly.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize() => NativeLibrary.SetDllImportResolver(typeof(NativeLibraryLoader).Assembly, Resolve);

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != ShimName)
        {
            return IntPtr.Zero;
        }

        PreloadLibTorchFromVariable();
        var candidates = new List<string> { Path.Combine(AppContext.BaseDirectory, "libattention_shim.so") };
        var errors = new List<string>();
        foreach (string path in candidates)
        {
            if (!File.Exists(path))
            {
                continue;
            }

            if (NativeLibrary.TryLoad(path, out IntPtr loaded))
            {
                return loaded;
            }

            // TryLoad hides dlerror(); Load reports it.
            try
            {
                return NativeLibrary.Load(path);
            }
            catch (DllNotFoundException e)
            {
                errors.Add(e.Message);
            }
        }

        string reason = errors.Count > 0
            ? string.Join(Environment.NewLine, errors)
            : $"libattention_shim.so is not next to the application ({AppContext.BaseDirectory}).";
        throw new DllNotFoundException(
            $"Attention.Runtime could not load its native shim: {reason}{Environment.NewLine}" +
            "The shim is built by `dotnet build` of Attention.Runtime and needs libtorch: run `bash scripts/setup.sh` " +
            $"to install Debian's libtorch-dev, or set {LibTorchVariable} to the libtorch the shim was built against.");
    }

    // With ATTENTION_LIBTORCH set, load that libtorch first so the shim binds to it rather than to
    // whatever its RUNPATH names. libtorch_cuda is loaded explicitly: nothing else pulls it in.
    private static void PreloadLibTorchFromVariable()
    {
        string? root = Environment.GetEnvironmentVariable(LibTorchVariable);
        if (string.IsNullOrEmpty(root))
        {
            return;
        }

        string lib = Path.Combine(root, "lib");
        foreach (string name in (ReadOnlySpan<string>)["libc10.so", "libtorch_cpu.so", "libc10_cuda.so", "libtorch_cuda.so", "libtorch.so"])
        {
            string path = Path.Combine(lib, name);
            if (File.Exists(path))
            {
                NativeLibrary.Load(path);
            }
        }
    }
}
