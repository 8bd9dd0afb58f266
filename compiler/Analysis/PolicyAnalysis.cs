using System.Runtime.CompilerServices;
using System.Threading;

namespace VtdDsl.Compiler.Analysis;

/// <summary>
/// What a bound policy means beyond its syntax, computed once per policy and shared by the
/// checks, the review sheet, the diff, the map and the language server: which host memory each
/// domain reaches (<see cref="Reach"/>), which host memory more than one domain reaches
/// (<see cref="SharedMemory"/>), and which devices, units and PASIDs serve each domain
/// (<see cref="Index"/>). Each part is computed on first use.
/// </summary>
public sealed class PolicyAnalysis
{
    private static readonly ConditionalWeakTable<Policy, PolicyAnalysis> Analyses = new();
    private readonly object _gate = new();
    private DomainIndex? _index;
    private HostReach? _reach;
    private SharedHostMemory? _sharedMemory;

    private PolicyAnalysis(Policy policy)
    {
        Policy = policy;
    }

    /// <summary>The analysis of <paramref name="policy"/>: the same instance for the same bound policy, so nothing is computed twice.</summary>
    public static PolicyAnalysis Of(Policy policy) => Analyses.GetValue(policy, p => new PolicyAnalysis(p));

    /// <summary>The policy analysed.</summary>
    public Policy Policy { get; }

    /// <summary>Devices, units and PASID lines per domain, and the sorted orders reports list things in.</summary>
    public DomainIndex Index
    {
        get
        {
            lock (_gate) return _index ??= new DomainIndex(Policy);
        }
    }

    /// <summary>The host memory each domain reaches, with its rights.</summary>
    public HostReach Reach
    {
        get
        {
            lock (_gate) return _reach ??= new HostReach(Policy);
        }
    }

    /// <summary>Host memory more than one domain reaches, at least one with write (VTD3008 comes from here).</summary>
    public SharedHostMemory SharedMemory => GetSharedMemory(CancellationToken.None);

    /// <summary><see cref="SharedMemory"/>, honouring <paramref name="cancellationToken"/> while it is computed.</summary>
    public SharedHostMemory GetSharedMemory(CancellationToken cancellationToken)
    {
        var reach = Reach;
        lock (_gate)
        {
            return _sharedMemory ??= SharedHostMemory.Compute(Policy, reach, cancellationToken);
        }
    }
}
