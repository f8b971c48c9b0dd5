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
    private const string ShimFile = "libattention_shim.so";

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
        var errors = new List<string>();
        foreach (string path in Candidates())
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
            : $"{ShimFile} is neither next to the application ({AppContext.BaseDirectory}) nor in its native asset folders.";
        throw new DllNotFoundException(
            $"Attention.Runtime could not load its native shim: {reason}{Environment.NewLine}" +
            "The shim needs libtorch. The one the Attention.Runtime package ships is built for Debian 12's libtorch 1.13.1: " +
            "install it with `sudo apt-get install libtorch1.13`. For another libtorch (a PyTorch install, a CUDA build), " +
            $"set {LibTorchVariable} to its directory (the one holding lib/ and share/cmake/Torch) and build again: " +
            "the build then compiles the shim against it (it needs cmake and g++). In the Attention.Dsl repository, " +
            "`bash scripts/setup.sh` installs everything.");
    }

    // Next to the application first: a shim compiled for the consumer's own libtorch is placed there.
    // Then the host's native search directories (the package's runtimes/<rid>/native asset, as
    // listed in the application's deps.json).
    private static IEnumerable<string> Candidates()
    {
        yield return Path.Combine(AppContext.BaseDirectory, ShimFile);
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string directories)
        {
            foreach (string directory in directories.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                yield return Path.Combine(directory, ShimFile);
            }
        }
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
