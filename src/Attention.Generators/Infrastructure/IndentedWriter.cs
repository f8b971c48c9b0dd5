using System;
using System.Globalization;
using System.Text;

namespace Attention.Generators.Infrastructure;

/// <summary>
/// Writes C# source line by line with four-space indentation and <c>\n</c> line endings, so
/// generated files read like hand-written code and compare stably in snapshots.
/// </summary>
internal sealed class IndentedWriter
{
    private const string IndentUnit = "    ";

    private readonly StringBuilder _builder = new();
    private int _depth;

    /// <summary>Writes one line at the current indentation; an empty line carries no indentation.</summary>
    public IndentedWriter WriteLine(string text = "")
    {
        if (text.Length > 0)
        {
            for (var i = 0; i < _depth; i++)
            {
                _builder.Append(IndentUnit);
            }

            _builder.Append(text);
        }

        _builder.Append('\n');
        return this;
    }

    /// <summary>Writes <c>{</c>, indents, and returns a scope whose disposal unindents and writes <c>}</c>.</summary>
    /// <param name="suffix">Text after the closing brace, such as <c>;</c>.</param>
    public Block WriteBlock(string suffix = "")
    {
        WriteLine("{");
        _depth++;
        return new Block(this, suffix);
    }

    /// <summary>Increases the indentation for the lines written until the scope is disposed.</summary>
    public Indentation Indent()
    {
        _depth++;
        return new Indentation(this);
    }

    /// <summary>Formats an integer in the invariant culture, as C# source spells it.</summary>
    public static string Literal(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Formats a double as C# source spells it, in the invariant culture (<c>0.5</c>, <c>1e-05</c>).</summary>
    public static string DoubleLiteral(double value)
    {
        // The parser refuses arguments that are not finite; these keep any other value compiling.
        if (double.IsNaN(value))
        {
            return "double.NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture).Replace("E", "e");
        return text.IndexOfAny(['.', 'e']) < 0 ? text + ".0" : text;
    }

    /// <summary>Formats a string as a regular C# string literal.</summary>
    public static string Literal(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\0': builder.Append("\\0"); break;
                default:
                    if (char.IsControl(c))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <inheritdoc/>
    public override string ToString() => _builder.ToString();

    /// <summary>Closes a block opened by <see cref="WriteBlock"/>.</summary>
    internal readonly struct Block : IDisposable
    {
        private readonly IndentedWriter _writer;
        private readonly string _suffix;

        internal Block(IndentedWriter writer, string suffix)
        {
            _writer = writer;
            _suffix = suffix;
        }

        /// <summary>Unindents and writes the closing brace.</summary>
        public void Dispose()
        {
            _writer._depth--;
            _writer.WriteLine("}" + _suffix);
        }
    }

    /// <summary>Undoes an <see cref="Indent"/>.</summary>
    internal readonly struct Indentation : IDisposable
    {
        private readonly IndentedWriter _writer;

        internal Indentation(IndentedWriter writer) => _writer = writer;

        /// <summary>Unindents.</summary>
        public void Dispose() => _writer._depth--;
    }
}
