using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Attention.Runtime;
using static Attention.Runtime.torch;

namespace Translation;

/// <summary>One sentence of the task: a date as people write it, and the same date in ISO 8601.</summary>
/// <param name="Source">The date as written, such as <c>Tuesday, March 3, 1998</c>.</param>
/// <param name="Target">The ISO date, <c>1998-03-03</c>.</param>
/// <param name="Format">The name of the format the source was written in.</param>
internal sealed record DatePair(string Source, string Target, string Format);

/// <summary>
/// The translation task the program makes: dates between 1950 and 2049 written in many formats (names and numbers,
/// ordinals, weekdays, two-digit years, any case) to ISO dates. The ISO order (year, month, day) differs from most
/// source orders, so the decoder must look back and forth over the source: the alignments are not monotonic.
/// </summary>
internal static class Dates
{
    /// <summary>The length of every target, <c>yyyy-mm-dd</c>.</summary>
    public const int TargetLength = 10;

    /// <summary>Source characters; 0 is padding.</summary>
    public const string SourceCharacters = " ,./-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>Target characters after the start token 0.</summary>
    public const string TargetCharacters = "0123456789-";

    /// <summary>The source vocabulary: padding and the characters.</summary>
    public const int SourceVocabulary = 1 + 67;

    /// <summary>The target vocabulary: the start token and the characters.</summary>
    public const int TargetVocabulary = 1 + 11;

    private static readonly DateTime First = new(1950, 1, 1);
    private static readonly int Days = (int)(new DateTime(2049, 12, 31) - First).TotalDays + 1;

    private static readonly (string Name, Func<DateTime, Random, string> Write)[] Formats =
    [
        ("d MMMM yyyy", static (d, r) => $"{d.Day} {Month(d, r)} {d.Year}"),
        ("dd MMM yyyy", static (d, r) => $"{d.Day:00} {Abbreviated(d, r)} {d.Year}"),
        ("MMMM d, yyyy", static (d, r) => $"{Month(d, r)} {d.Day}, {d.Year}"),
        ("MMM dd yy", static (d, r) => $"{Abbreviated(d, r)} {d.Day:00} {d.Year % 100:00}"),
        ("d/m/yyyy", static (d, _) => $"{d.Day}/{d.Month}/{d.Year}"),
        ("dd.mm.yy", static (d, _) => $"{d.Day:00}.{d.Month:00}.{d.Year % 100:00}"),
        ("yyyy/mm/dd", static (d, _) => $"{d.Year}/{d.Month:00}/{d.Day:00}"),
        ("dddd, MMMM d, yyyy", static (d, r) => $"{Cased(d.DayOfWeek.ToString(), r)}, {Month(d, r)} {d.Day}, {d.Year}"),
        ("ddd d MMM yyyy", static (d, r) => $"{Cased(d.DayOfWeek.ToString()[..3], r)} {d.Day} {Abbreviated(d, r)} {d.Year}"),
        ("the dth of MMMM, yyyy", static (d, r) => $"the {Ordinal(d.Day)} of {Month(d, r)}, {d.Year}"),
        ("yyyymmdd", static (d, _) => $"{d.Year}{d.Month:00}{d.Day:00}"),
        ("dth MMM yy", static (d, r) => $"{Ordinal(d.Day)} {Abbreviated(d, r)} {d.Year % 100:00}"),
        ("dd-MMM-yyyy", static (d, r) => $"{d.Day:00}-{Abbreviated(d, r)}-{d.Year}"),
    ];

    /// <summary>The names of the formats, for the report.</summary>
    public static IEnumerable<string> FormatNames => Formats.Select(static f => f.Name);

    /// <summary><paramref name="count"/> pairs of dates and formats drawn uniformly by <paramref name="random"/>.</summary>
    public static List<DatePair> Draw(int count, Random random)
    {
        var pairs = new List<DatePair>(count);
        for (int i = 0; i < count; i++)
        {
            DateTime date = First.AddDays(random.Next(Days));
            var (name, write) = Formats[random.Next(Formats.Length)];
            pairs.Add(new DatePair(write(date, random), date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), name));
        }

        return pairs;
    }

    /// <summary>
    /// A batch as tensors: the source ids <c>[N, S]</c> padded at the end with 0, the padding mask <c>[N, S]</c> (true for
    /// a character), the decoder's input <c>[N, 10]</c> (the start token, then the target shifted by one) and the target
    /// ids <c>[N, 10]</c>.
    /// </summary>
    public static (Tensor Source, Tensor Mask, Tensor DecoderInput, Tensor Target) Encode(IReadOnlyList<DatePair> pairs)
    {
        int longest = pairs.Max(static p => p.Source.Length);
        var source = new long[pairs.Count * longest];
        var decoderInput = new long[pairs.Count * TargetLength];
        var target = new long[pairs.Count * TargetLength];
        for (int n = 0; n < pairs.Count; n++)
        {
            for (int s = 0; s < pairs[n].Source.Length; s++)
            {
                source[(n * longest) + s] = SourceId(pairs[n].Source[s]);
            }

            for (int t = 0; t < TargetLength; t++)
            {
                target[(n * TargetLength) + t] = TargetId(pairs[n].Target[t]);
                decoderInput[(n * TargetLength) + t] = t == 0 ? 0 : TargetId(pairs[n].Target[t - 1]);
            }
        }

        Tensor sourceIds = tensor(source, [pairs.Count, longest]);
        return (sourceIds, sourceIds.ne(0), tensor(decoderInput, [pairs.Count, TargetLength]), tensor(target, [pairs.Count, TargetLength]));
    }

    /// <summary>The target text of predicted ids (start token excluded).</summary>
    public static string Decode(IEnumerable<long> ids) => new(ids.Select(static id => id is >= 1 and <= 11 ? TargetCharacters[(int)id - 1] : '?').ToArray());

    private static long SourceId(char c)
    {
        int index = SourceCharacters.IndexOf(c, StringComparison.Ordinal);
        return index >= 0 ? index + 1 : throw new ArgumentException($"'{c}' is not in the source vocabulary");
    }

    private static long TargetId(char c) => TargetCharacters.IndexOf(c, StringComparison.Ordinal) + 1;

    private static string Month(DateTime d, Random r) => Cased(CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(d.Month), r);

    private static string Abbreviated(DateTime d, Random r) => Cased(CultureInfo.InvariantCulture.DateTimeFormat.GetAbbreviatedMonthName(d.Month), r);

    /// <summary>The name as written (Title), in lower case or in capitals, at random.</summary>
    private static string Cased(string name, Random r) => r.Next(3) switch
    {
        0 => name.ToLowerInvariant(),
        1 => name.ToUpperInvariant(),
        _ => name,
    };

    private static string Ordinal(int day) => day + (day % 10 == 1 && day != 11 ? "st" : day % 10 == 2 && day != 12 ? "nd" : day % 10 == 3 && day != 13 ? "rd" : "th");
}
