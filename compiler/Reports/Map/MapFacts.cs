using System.Collections.Generic;
using System.Globalization;
using System.Text;
using VtdDsl.Compiler.Model;

namespace VtdDsl.Compiler.Reports.Map;

/// <summary>
/// The facts about a policy the map draws: domains in id order, each domain's devices, and the
/// host memory reached by more than one domain while one of them may write. (Until the policy
/// analysis lives in the compiler core, the map computes these itself from the bound model.)
/// </summary>
internal sealed class MapFacts
{
    public MapFacts(Policy policy)
    {
        Policy = policy;
        int count = policy.Domains.Count;
        var devices = new List<Device>[count];
        for (int d = 0; d < count; d++) devices[d] = new List<Device>();
        foreach (var device in policy.Devices)
        {
            if (device.DomainIndex >= 0 && device.DomainIndex < count) devices[device.DomainIndex].Add(device);
        }
        foreach (var list in devices) list.Sort((a, b) => a.Source.CompareTo(b.Source));
        DevicesOf = devices;

        var order = new List<int>(count);
        for (int d = 0; d < count; d++) order.Add(d);
        order.Sort((a, b) =>
        {
            int byId = policy.Domains[a].Id.CompareTo(policy.Domains[b].Id);
            return byId != 0 ? byId : string.CompareOrdinal(policy.Domains[a].Name, policy.Domains[b].Name);
        });
        DomainsById = order;
        SharedRanges = ComputeShared(policy);
    }

    public Policy Policy { get; }

    /// <summary>Domain indexes by domain id, then name.</summary>
    public IReadOnlyList<int> DomainsById { get; }

    /// <summary>Devices bound to each domain, by source id.</summary>
    public IReadOnlyList<List<Device>> DevicesOf { get; }

    /// <summary>Host ranges two or more domains reach, one of them with write; sorted, disjoint.</summary>
    public IReadOnlyList<(ulong First, ulong Last, bool AllShared)> SharedRanges { get; }

    /// <summary>A domain's windows by DMA address.</summary>
    public static List<Window> WindowsByIova(Domain domain)
    {
        var windows = new List<Window>(domain.Windows);
        windows.Sort((a, b) => a.Iova != b.Iova ? a.Iova.CompareTo(b.Iova) : a.Size.CompareTo(b.Size));
        return windows;
    }

    private readonly record struct Reach(int Domain, ulong First, ulong Last, bool Write, bool Shared);

    private static List<(ulong, ulong, bool)> ComputeShared(Policy policy)
    {
        var reaches = new List<Reach>();
        var cuts = new SortedSet<ulong>();
        for (int d = 0; d < policy.Domains.Count; d++)
        {
            var domain = policy.Domains[d];
            if (domain.IsPassthrough)
            {
                reaches.Add(new Reach(d, 0, ulong.MaxValue, true, false));
                cuts.Add(0);
                continue;
            }
            foreach (var window in domain.Windows)
            {
                if (window.Size == 0 || window.Overflows || window.Rights == Rights.None) continue;
                reaches.Add(new Reach(d, window.HostAddress, window.HostLast, (window.Rights & Rights.Write) != 0, window.Shared));
                cuts.Add(window.HostAddress);
                if (window.HostLast != ulong.MaxValue) cuts.Add(window.HostLast + 1);
            }
        }
        var points = new List<ulong>(cuts);
        var result = new List<(ulong First, ulong Last, bool AllShared)>();
        for (int i = 0; i < points.Count; i++)
        {
            ulong first = points[i];
            ulong last = i + 1 < points.Count ? points[i + 1] - 1 : ulong.MaxValue;
            var domains = new HashSet<int>();
            bool write = false, allShared = true;
            foreach (var reach in reaches)
            {
                if (reach.First > first || reach.Last < first) continue;
                domains.Add(reach.Domain);
                write |= reach.Write;
                allShared &= reach.Shared;
            }
            if (domains.Count < 2 || !write) continue;
            if (result.Count > 0 && result[result.Count - 1] is var previous && previous.Last != ulong.MaxValue
                && previous.Last + 1 == first && previous.AllShared == allShared)
            {
                result[result.Count - 1] = (previous.First, last, allShared);
            }
            else
            {
                result.Add((first, last, allShared));
            }
        }
        return result;
    }

    /// <summary><c>0x1_0000_0000</c>: upper-case digits grouped by four, as specs write them.</summary>
    public static string Hex(ulong value)
    {
        string digits = value.ToString("X", CultureInfo.InvariantCulture);
        var text = new StringBuilder("0x", digits.Length + 8);
        for (int i = 0; i < digits.Length; i++)
        {
            if (i > 0 && (digits.Length - i) % 4 == 0) text.Append('_');
            text.Append(digits[i]);
        }
        return text.ToString();
    }

    /// <summary><c>2 GiB</c>, <c>4 KiB</c>, <c>3552 MiB</c>: the largest unit that divides the size exactly.</summary>
    public static string Size(ulong bytes)
    {
        if (bytes == 0) return "0";
        string[] units = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
        int unit = 0;
        while (unit < units.Length - 1 && bytes % 1024 == 0)
        {
            bytes /= 1024;
            unit++;
        }
        return bytes.ToString(CultureInfo.InvariantCulture) + " " + units[unit];
    }

    /// <summary>
    /// An address in readable units: exact when that is short (<c>3584 MiB</c>, <c>4 GiB</c>),
    /// otherwise approximate in the largest unit (<c>≈3.5 GiB</c> for 0xE000_1000).
    /// </summary>
    public static string Position(ulong address)
    {
        string exact = Size(address);
        int space = exact.IndexOf(' ');
        if (space > 0 && space <= 4) return exact;
        string[] units = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
        int unit = 0;
        double value = address;
        while (unit < units.Length - 1 && value >= 1024)
        {
            value /= 1024;
            unit++;
        }
        return "≈" + value.ToString(value >= 100 ? "0" : value >= 10 ? "0.#" : "0.##", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    /// <summary>Size of the inclusive range [first, last], the whole 64-bit space included.</summary>
    public static string RangeSize(ulong first, ulong last) => first == 0 && last == ulong.MaxValue ? "16 EiB" : Size(last - first + 1);

    /// <summary>A half-open range <c>[first, last + 1)</c>.</summary>
    public static string Range(ulong first, ulong last) => $"[{Hex(first)}, {(last == ulong.MaxValue ? "2^64" : Hex(last + 1))})";

    /// <summary>Rights as the spec writes them, abbreviated for labels: r, rw, w.</summary>
    public static string ShortRights(Rights rights) => rights switch
    {
        Rights.ReadWrite => "rw",
        Rights.Read => "r",
        Rights.Write => "w",
        _ => "none",
    };
}
