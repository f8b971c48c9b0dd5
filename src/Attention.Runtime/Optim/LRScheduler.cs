using System;
using System.Collections.Generic;
using System.Linq;

namespace Attention.Runtime;

public static partial class torch
{
    public static partial class optim
    {
        /// <summary>Learning-rate schedules, as torch.optim.lr_scheduler.</summary>
        public static partial class lr_scheduler
        {
            /// <summary>
            /// Base of the schedulers, as PyTorch's _LRScheduler: each <see cref="step"/> advances
            /// <see cref="last_epoch"/> and writes the next learning rate into every parameter group,
            /// computed from the previous one (PyTorch's chainable form, so the values equal PyTorch's to
            /// the last bit). Call it after the optimizer's step.
            /// </summary>
            public abstract class LRScheduler
            {
                private IReadOnlyList<double> lastLr = [];

                /// <summary>Starts afresh with <paramref name="last_epoch"/> -1; otherwise resumes from that epoch (the groups must then hold <c>initial_lr</c>).</summary>
                protected LRScheduler(Optimizer optimizer, int last_epoch)
                {
                    ArgumentNullException.ThrowIfNull(optimizer);
                    this.optimizer = optimizer;
                    IReadOnlyList<ParamGroup> groups = optimizer.param_groups;
                    for (int i = 0; i < groups.Count; i++)
                    {
                        if (last_epoch == -1)
                        {
                            groups[i].SetDefault("initial_lr", groups[i].lr);
                        }
                        else if (!groups[i].ContainsKey("initial_lr"))
                        {
                            throw new ArgumentException($"param 'initial_lr' is not specified in param_groups[{i}] when resuming an optimizer", nameof(last_epoch));
                        }
                    }

                    base_lrs = groups.Select(g => g.Get<double>("initial_lr")).ToArray();
                    this.last_epoch = last_epoch;
                }

                /// <summary>The optimizer whose learning rates this scheduler sets.</summary>
                public Optimizer optimizer { get; }

                /// <summary>Each group's learning rate when scheduling started.</summary>
                public IReadOnlyList<double> base_lrs { get; }

                /// <summary>The number of steps taken (0 right after construction).</summary>
                public int last_epoch { get; internal set; }

                /// <summary>How many times the schedule has been stepped, the initial step included.</summary>
                protected int step_count { get; private set; }

                /// <summary>The learning rates the last step set, one per parameter group.</summary>
                public IReadOnlyList<double> get_last_lr() => lastLr;

                /// <summary>Advances the schedule by one step and sets the groups' learning rates.</summary>
                public virtual void step() => Step(null);

                /// <summary>PyTorch's first step, taken at construction: it sets the epoch-0 learning rates.</summary>
                internal void InitialStep()
                {
                    step_count = 0;
                    step();
                }

                /// <summary>
                /// One step; with <paramref name="epoch"/> the schedule jumps to that epoch and uses the closed form
                /// where the scheduler has one (PyTorch's deprecated <c>step(epoch)</c>, which SequentialLR uses).
                /// </summary>
                internal void Step(int? epoch)
                {
                    step_count++;
                    IReadOnlyList<double> values;
                    if (epoch is { } e)
                    {
                        last_epoch = e;
                        values = closed_form_lr() ?? get_lr();
                    }
                    else
                    {
                        last_epoch++;
                        values = get_lr();
                    }

                    IReadOnlyList<ParamGroup> groups = optimizer.param_groups;
                    for (int i = 0; i < Math.Min(groups.Count, values.Count); i++)
                    {
                        groups[i].lr = values[i];
                    }

                    lastLr = groups.Select(g => g.lr).ToArray();
                }

                /// <summary>Records the learning rates a composite scheduler took from the one it delegates to.</summary>
                private protected void SetLastLr(IReadOnlyList<double> values) => lastLr = values;

                /// <summary>The next learning rates from the current ones (the chainable form), for <see cref="last_epoch"/>.</summary>
                protected abstract IReadOnlyList<double> get_lr();

                /// <summary>The learning rates at <see cref="last_epoch"/> computed from <see cref="base_lrs"/>, or null if the schedule has no closed form.</summary>
                protected virtual IReadOnlyList<double>? closed_form_lr() => null;

                /// <summary>The groups' current learning rates.</summary>
                protected IReadOnlyList<double> CurrentLrs() => optimizer.param_groups.Select(g => g.lr).ToArray();
            }

            /// <summary>lr = base_lr · lr_lambda(epoch), per group.</summary>
            public sealed class LambdaLR : LRScheduler
            {
                private readonly Func<int, double>[] lambdas;

                /// <summary>A schedule with the same <paramref name="lr_lambda"/> for every parameter group.</summary>
                /// <exception cref="ArgumentNullException"><paramref name="lr_lambda"/> is null.</exception>
                public LambdaLR(Optimizer optimizer, Func<int, double> lr_lambda, int last_epoch = -1)
                    : this(optimizer, Enumerable.Repeat(lr_lambda ?? throw new ArgumentNullException(nameof(lr_lambda)), optimizer?.param_groups.Count ?? 0).ToArray(), last_epoch)
                {
                }

                /// <summary>A schedule with one function in <paramref name="lr_lambdas"/> per parameter group.</summary>
                public LambdaLR(Optimizer optimizer, IReadOnlyList<Func<int, double>> lr_lambdas, int last_epoch = -1)
                    : base(optimizer, last_epoch)
                {
                    ArgumentNullException.ThrowIfNull(lr_lambdas);
                    if (lr_lambdas.Count != optimizer.param_groups.Count)
                    {
                        throw new ArgumentException($"Expected {optimizer.param_groups.Count} lr_lambdas, but got {lr_lambdas.Count}", nameof(lr_lambdas));
                    }

                    lambdas = [.. lr_lambdas];
                    InitialStep();
                }

                /// <inheritdoc/>
                protected override IReadOnlyList<double> get_lr() => base_lrs.Select((lr, i) => lr * lambdas[i](last_epoch)).ToArray();
            }

            /// <summary>Multiplies the learning rate by <c>gamma</c> every <c>step_size</c> epochs.</summary>
            public sealed class StepLR : LRScheduler
            {
                /// <summary>Multiplies each group's learning rate by <paramref name="gamma"/> every <paramref name="step_size"/> epochs; <paramref name="last_epoch"/> as in the base.</summary>
                public StepLR(Optimizer optimizer, int step_size, double gamma = 0.1, int last_epoch = -1)
                    : base(optimizer, last_epoch)
                {
                    this.step_size = step_size;
                    this.gamma = gamma;
                    InitialStep();
                }

                /// <summary>Epochs between decays.</summary>
                public int step_size { get; }

                /// <summary>Factor applied at each decay.</summary>
                public double gamma { get; }

                /// <inheritdoc/>
                protected override IReadOnlyList<double> get_lr() =>
                    last_epoch == 0 || last_epoch % step_size != 0 ? CurrentLrs() : CurrentLrs().Select(lr => lr * gamma).ToArray();

                /// <inheritdoc/>
                protected override IReadOnlyList<double> closed_form_lr() =>
                    base_lrs.Select(lr => lr * Math.Pow(gamma, Math.Floor((double)last_epoch / step_size))).ToArray();
            }

            /// <summary>Multiplies the learning rate by <c>gamma</c> at each milestone epoch (a repeated milestone applies twice).</summary>
            public sealed class MultiStepLR : LRScheduler
            {
                private readonly int[] sortedMilestones;

                /// <summary>Multiplies each group's learning rate by <paramref name="gamma"/> when the epoch reaches each of <paramref name="milestones"/> (any order).</summary>
                /// <exception cref="ArgumentNullException"><paramref name="milestones"/> is null.</exception>
                public MultiStepLR(Optimizer optimizer, IEnumerable<int> milestones, double gamma = 0.1, int last_epoch = -1)
                    : base(optimizer, last_epoch)
                {
                    ArgumentNullException.ThrowIfNull(milestones);
                    sortedMilestones = [.. milestones.Order()];
                    this.gamma = gamma;
                    InitialStep();
                }

                /// <summary>The milestone epochs, sorted.</summary>
                public IReadOnlyList<int> milestones => sortedMilestones;

                /// <summary>Factor applied at each milestone.</summary>
                public double gamma { get; }

                /// <inheritdoc/>
                protected override IReadOnlyList<double> get_lr()
                {
                    int hits = sortedMilestones.Count(m => m == last_epoch);
                    return hits == 0 ? CurrentLrs() : CurrentLrs().Select(lr => lr * Math.Pow(gamma, hits)).ToArray();
                }

                /// <inheritdoc/>
                protected override IReadOnlyList<double> closed_form_lr()
                {
                    int passed = sortedMilestones.Count(m => m <= last_epoch);
                    return base_lrs.Select(lr => lr * Math.Pow(gamma, passed)).ToArray();
                }
            }

            /// <summary>Multiplies the learning rate by <c>gamma</c> every epoch.</summary>
            public sealed class ExponentialLR : LRScheduler
            {
                /// <summary>Multiplies each group's learning rate by <paramref name="gamma"/> every epoch.</summary>
                public ExponentialLR(Optimizer optimizer, double gamma, int last_epoch = -1)
                    : base(optimizer, last_epoch)
                {
                    this.gamma = gamma;
                    InitialStep();
                }

                /// <summary>Factor applied every epoch.</summary>
                public double gamma { get; }

                /// <inheritdoc/>
                protected override IReadOnlyList<double> get_lr() =>
                    last_epoch == 0 ? CurrentLrs() : CurrentLrs().Select(lr => lr * gamma).ToArray();

                /// <inheritdoc/>
                protected override IReadOnlyList<double> closed_form_lr() =>
                    base_lrs.Select(lr => lr * Math.Pow(gamma, last_epoch)).ToArray();
            }

            /// <summary>
            /// Moves the factor on the learning rate linearly from <c>start_factor</c> to <c>end_factor</c> over
            /// <c>total_iters</c> epochs, then keeps it (the usual warm-up).
            /// </summary>
            public sealed class LinearLR : LRScheduler
            {
                /// <summary>Scales the base learning rates by a factor moving linearly from <paramref name="start_factor"/> to <paramref name="end_factor"/> over <paramref name="total_iters"/> epochs.</summary>
                /// <exception cref="ArgumentException"><paramref name="start_factor"/> or <paramref name="end_factor"/> is outside [0, 1].</exception>
                public LinearLR(Optimizer optimizer, double start_factor = 1.0 / 3, double end_factor = 1.0, int total_iters = 5, int last_epoch = -1)
                    : base(optimizer, last_epoch)
                {
                    if (start_factor > 1.0 || start_factor < 0)
                    {
                        throw new ArgumentException("Starting multiplicative factor expected to be between 0 and 1.", nameof(start_factor));
                    }

                    if (end_factor > 1.0 || end_factor < 0)
                    {
                        throw new ArgumentException("Ending multiplicative factor expected to be between 0 and 1.", nameof(end_factor));
                    }

                    this.start_factor = start_factor;
                    this.end_factor = end_factor;
                    this.total_iters = total_iters;
                    InitialStep();
                }

                /// <summary>Factor at epoch 0.</summary>
                public double start_factor { get; }

                /// <summary>Factor from epoch <see cref="total_iters"/> on.</summary>
                public double end_factor { get; }

                /// <summary>Epochs over which the factor moves.</summary>
                public int total_iters { get; }

                /// <inheritdoc/>
                protected override IReadOnlyList<double> get_lr()
                {
                    if (last_epoch == 0)
                    {
                        return CurrentLrs().Select(lr => lr * start_factor).ToArray();
                    }

                    if (last_epoch > total_iters)
                    {
                        return CurrentLrs();
                    }

                    double factor = 1.0 + (end_factor - start_factor) / (total_iters * start_factor + (last_epoch - 1) * (end_factor - start_factor));
                    return CurrentLrs().Select(lr => lr * factor).ToArray();
                }

                /// <inheritdoc/>
                protected override IReadOnlyList<double> closed_form_lr() =>
                    base_lrs.Select(lr => lr * (start_factor + (end_factor - start_factor) * Math.Min(total_iters, last_epoch) / total_iters)).ToArray();
            }

            /// <summary>
            /// Cosine annealing from the base learning rate down to <c>eta_min</c> over <c>T_max</c> epochs
            /// (and back up over the next T_max, as PyTorch's recurrence does).
            /// </summary>
            public sealed class CosineAnnealingLR : LRScheduler
            {
                /// <summary>Anneals each group's learning rate to <paramref name="eta_min"/> over <paramref name="T_max"/> epochs along a half cosine.</summary>
                public CosineAnnealingLR(Optimizer optimizer, int T_max, double eta_min = 0, int last_epoch = -1)
                    : base(optimizer, last_epoch)
                {
                    this.T_max = T_max;
                    this.eta_min = eta_min;
                    InitialStep();
                }

                /// <summary>Epochs of a half period.</summary>
                public int T_max { get; }

                /// <summary>Minimum learning rate.</summary>
                public double eta_min { get; }

                /// <inheritdoc/>
                protected override IReadOnlyList<double> get_lr()
                {
                    IReadOnlyList<double> current = CurrentLrs();
                    if (last_epoch == 0)
                    {
                        return current;
                    }

                    if (step_count == 1 && last_epoch > 0)
                    {
                        return base_lrs.Select(b => eta_min + (b - eta_min) * (1 + Math.Cos(last_epoch * Math.PI / T_max)) / 2).ToArray();
                    }

                    if ((last_epoch - 1 - T_max) % (2 * T_max) == 0)
                    {
                        return current.Select((lr, i) => lr + (base_lrs[i] - eta_min) * (1 - Math.Cos(Math.PI / T_max)) / 2).ToArray();
                    }

                    return current.Select(lr => (1 + Math.Cos(Math.PI * last_epoch / T_max)) / (1 + Math.Cos(Math.PI * (last_epoch - 1) / T_max)) * (lr - eta_min) + eta_min).ToArray();
                }

                /// <inheritdoc/>
                protected override IReadOnlyList<double> closed_form_lr() =>
                    base_lrs.Select(b => eta_min + (b - eta_min) * (1 + Math.Cos(Math.PI * last_epoch / T_max)) / 2).ToArray();
            }

            /// <summary>
            /// Runs <c>schedulers</c> one after another, switching at each milestone epoch (warm-up with
            /// LinearLR, then CosineAnnealingLR). The schedulers must drive the same optimizer.
            /// </summary>
            public sealed class SequentialLR : LRScheduler
            {
                private readonly LRScheduler[] schedulers;
                private readonly int[] milestoneEpochs;

                /// <summary>Runs <paramref name="schedulers"/> in turn, switching to the next at each of <paramref name="milestones"/> (one fewer than schedulers).</summary>
                /// <exception cref="ArgumentNullException"><paramref name="schedulers"/> or <paramref name="milestones"/> is null.</exception>
                /// <exception cref="ArgumentException">A scheduler drives another optimizer, or the milestone count is not one less than the scheduler count.</exception>
                public SequentialLR(Optimizer optimizer, IReadOnlyList<LRScheduler> schedulers, IReadOnlyList<int> milestones, int last_epoch = -1)
                    : base(optimizer, last_epoch)
                {
                    ArgumentNullException.ThrowIfNull(schedulers);
                    ArgumentNullException.ThrowIfNull(milestones);
                    for (int i = 0; i < schedulers.Count; i++)
                    {
                        if (schedulers[i].optimizer != optimizer)
                        {
                            throw new ArgumentException($"Sequential Schedulers expects all schedulers to belong to the same optimizer, but got schedulers at index {i} to be different than the optimizer passed in.", nameof(schedulers));
                        }
                    }

                    if (milestones.Count != schedulers.Count - 1)
                    {
                        throw new ArgumentException($"Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers {schedulers.Count} and the number of milestones to be equal to {milestones.Count}", nameof(milestones));
                    }

                    this.schedulers = [.. schedulers];
                    milestoneEpochs = [.. milestones];
                    this.last_epoch = last_epoch + 1;

                    // Building each scheduler took its first step; undo that and start the first one afresh.
                    foreach (ParamGroup group in optimizer.param_groups)
                    {
                        group.lr = group.Get<double>("initial_lr");
                    }

                    foreach (LRScheduler scheduler in this.schedulers)
                    {
                        scheduler.last_epoch--;
                    }

                    this.schedulers[0].InitialStep();
                    SetLastLr(this.schedulers[0].get_last_lr());
                }

                /// <summary>Steps the scheduler active at the new epoch; at a milestone the next one starts at its epoch 0.</summary>
                public override void step()
                {
                    last_epoch++;
                    int index = milestoneEpochs.Count(m => m <= last_epoch);
                    LRScheduler scheduler = schedulers[index];
                    if (index > 0 && milestoneEpochs[index - 1] == last_epoch)
                    {
                        scheduler.Step(0);
                    }
                    else
                    {
                        scheduler.step();
                    }

                    SetLastLr(scheduler.get_last_lr());
                }

                /// <summary>The learning rates the active scheduler set last.</summary>
                protected override IReadOnlyList<double> get_lr() => get_last_lr();
            }
        }
    }
}
