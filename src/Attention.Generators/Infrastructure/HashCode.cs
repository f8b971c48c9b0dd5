namespace Attention.Generators.Infrastructure;

/// <summary>
/// Combines hash codes on netstandard2.0, which has no <c>System.HashCode</c>.
/// </summary>
internal static class HashCode
{
    /// <summary>Mixes <paramref name="value"/> into <paramref name="hash"/> (the FNV-style multiply of many BCL types).</summary>
    public static int Combine(int hash, int value)
    {
        unchecked
        {
            return (hash * -1521134295) + value;
        }
    }
}
