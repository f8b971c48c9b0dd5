using System;
using System.Collections.Generic;
using Attention.Runtime.Tests.Infrastructure;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Tensors;

/// <summary>Factories and seeded random generators against Reference/cases_core.py.</summary>
public sealed class CoreParityTests : ReferenceParityTests<CoreParityTests>, IReferenceArea
{
    private const string Area = "core";

    private static readonly Dictionary<string, Func<Tensor[], object>> Ops = new()
    {
        ["manual_seed_random"] = _ =>
        {
            manual_seed(1234);
            return (randn(2, 3), rand(4), randint(0, 10, [5]), randperm(6));
        },
        ["arange_int"] = _ => arange(0, 10, 3),
        ["arange_float"] = _ => arange(0.5, 2.0, 0.25),
        ["linspace"] = _ => linspace(-1.0, 1.0, 5),
        ["eye_rect"] = _ => eye(3, 4),
        ["full_int"] = _ => full([2, 2], 7),
        ["full_float"] = _ => full([2, 2], 0.5),
        ["to_int64_truncates"] = x => (x[0] * 3).to(int64),
        ["to_bool"] = x => x[0].to(@bool).to(uint8),
    };

    static string IReferenceArea.Area => Area;

    static IReadOnlyDictionary<string, Func<Tensor[], object>> IReferenceArea.Ops => Ops;
}
