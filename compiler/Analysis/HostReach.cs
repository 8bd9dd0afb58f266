namespace VtdDsl.Compiler.Analysis;

/// <summary>
/// One window's reach into host memory (or a pass-through domain's: all of it, read and write).
/// <see cref="Span"/> is the window's, or the pass-through domain's name.
/// </summary>
public readonly record struct WindowReach(int Domain, ulong First, ulong Last, Rights Rights, bool Shared, SourceSpan Span)
{
    /// <summary>The window grants write.</summary>
    public bool Write => (Rights & Rights.Write) != 0;
}

/// <summary>
/// Which host memory each domain reaches, with which rights: the one place that turns windows
/// into host ranges. A pass-through domain reaches all host memory with read and write; a
/// window that is empty or overflows reaches nothing (the checks report it).
/// </summary>
public sealed class HostReach
{
    private readonly List<WindowReach>[] _ofDomain;
    private readonly Dictionary<(int Domain, Rights Right), AddressRangeSet> _byDomain = new();

    internal HostReach(Policy policy)
    {
        var windows = new List<WindowReach>();
        _ofDomain = new List<WindowReach>[policy.Domains.Count];
        for (int d = 0; d < policy.Domains.Count; d++)
        {
            _ofDomain[d] = new List<WindowReach>();
            var domain = policy.Domains[d];
            if (domain.IsPassthrough)
            {
                windows.Add(new WindowReach(d, 0, ulong.MaxValue, Rights.ReadWrite, Shared: false, domain.NameSpan));
                continue;
            }
            foreach (var window in domain.Windows)
            {
                if (window.Size != 0 && !window.Overflows)
                {
                    windows.Add(new WindowReach(d, window.HostAddress, window.HostLast, window.Rights, window.Shared, window.Span));
                }
            }
        }
        windows.Sort((a, b) => a.First != b.First ? a.First.CompareTo(b.First) : a.Span.Start.CompareTo(b.Span.Start));
        foreach (var window in windows) _ofDomain[window.Domain].Add(window);
        Windows = windows;
    }

    /// <summary>Every window's reach, by host address (then by position in the file).</summary>
    public IReadOnlyList<WindowReach> Windows { get; }

    /// <summary>
    /// The host memory the devices of domain <paramref name="domain"/> may reach with
    /// <paramref name="right"/> (read or write); empty for no domain (-1).
    /// </summary>
    public AddressRangeSet Of(int domain, Rights right)
    {
        if (domain < 0 || domain >= _ofDomain.Length) return AddressRangeSet.None;
        lock (_byDomain)
        {
            if (!_byDomain.TryGetValue((domain, right), out var ranges))
            {
                _byDomain[(domain, right)] = ranges = Compute(domain, right);
            }
            return ranges;
        }
    }

    private AddressRangeSet Compute(int domain, Rights right)
    {
        var ranges = new List<(ulong, ulong)>();
        foreach (var window in _ofDomain[domain])
        {
            if ((window.Rights & right) != 0) ranges.Add((window.First, window.Last));
        }
        return new AddressRangeSet(ranges);
    }
}
