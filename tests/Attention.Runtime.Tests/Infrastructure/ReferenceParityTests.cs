using System;
using System.Collections.Generic;
using Xunit;
using static Attention.Runtime.torch;

namespace Attention.Runtime.Tests.Infrastructure;

/// <summary>
/// One reference area for <see cref="ReferenceParityTests{TArea}"/>: the name of its JSON file under
/// Reference/expected, the C# op for each case, and the tolerances the cases are checked with.
/// </summary>
public interface IReferenceArea
{
    /// <summary>The area, i.e. Reference/expected/<c>Area</c>.json.</summary>
    static abstract string Area { get; }

    /// <summary>The C# op for each reference case, by case name.</summary>
    static abstract IReadOnlyDictionary<string, Func<Tensor[], object>> Ops { get; }

    /// <summary>Relative tolerance for <see cref="ReferenceData.Check"/>.</summary>
    static virtual double RelativeTolerance => 1e-5;

    /// <summary>Absolute tolerance for <see cref="ReferenceData.Check"/>.</summary>
    static virtual double AbsoluteTolerance => 1e-6;
}

/// <summary>
/// The parity harness shared by the reference test classes: one theory case per reference case,
/// each checked against PyTorch's outputs, and a fact that every reference case has an op and
/// every op a case. A test class derives from it with itself as <typeparamref name="TArea"/>.
/// </summary>
public abstract class ReferenceParityTests<TArea>
    where TArea : IReferenceArea
{
    public static TheoryData<string> Cases => ReferenceData.CaseNames(TArea.Area);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_pytorch(string name) => ReferenceData.Check(TArea.Area, name, TArea.Ops, TArea.RelativeTolerance, TArea.AbsoluteTolerance);

    [Fact]
    public void Every_reference_case_has_an_op() => ReferenceData.AssertCoverage(TArea.Area, TArea.Ops.Keys);
}
