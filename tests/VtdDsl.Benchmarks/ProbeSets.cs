using System;
using System.Collections.Generic;
using VtdDsl.Benchmarks.Baselines;
using VtdDsl.Compiler.Model;

namespace VtdDsl.Benchmarks;

/// <summary>Deterministic probe streams for a spec and a scenario (a fixed seed per scenario).</summary>
public static class ProbeSets
{
    public const int Count = 4096;

    public static Probe[] Create(BenchSpec spec, Scenario scenario, int count = Count)
    {
        var builder = new Builder(spec.Policy, new Random(0x5EED + (int)scenario));
        var probes = new Probe[count];
        for (int i = 0; i < count; i++)
        {
            Scenario kind = scenario;
            if (scenario == Scenario.Mixed)
            {
                int roll = builder.Random.Next(100);
                kind = roll < 70 ? Scenario.Hits : roll < 90 ? Scenario.Misses : Scenario.Unbound;
            }
            probes[i] = kind switch
            {
                Scenario.Hits => builder.Hit(),
                Scenario.Misses => builder.Miss(),
                _ => builder.Unbound(),
            };
        }
        return probes;
    }

    private sealed class Builder
    {
        private readonly Policy _policy;
        private readonly List<(SourceId Source, Domain Domain)> _translated = new();
        private readonly HashSet<uint> _bound = new();
        private readonly List<byte> _busesInUse = new();
        private readonly Dictionary<Domain, List<(ulong First, ulong Last)>> _gaps = new();

        public Builder(Policy policy, Random random)
        {
            _policy = policy;
            Random = random;
            var buses = new SortedSet<byte>();
            foreach (var device in policy.Devices)
            {
                _bound.Add(device.Source.Key);
                if (device.Via is { } via) _bound.Add(via.Key);
                var domain = policy.Domains[device.DomainIndex];
                if (!domain.IsPassthrough && domain.Windows.Count > 0)
                    _translated.Add((InterpretedPolicy.ToSourceId(device.RequestSource), domain));
                if (device.Source.Segment == 0) buses.Add(device.Source.Bus);
            }
            _busesInUse.AddRange(buses);
            if (_translated.Count == 0) throw new InvalidOperationException($"{policy.FullName} has no device in a translated domain with windows.");
        }

        public Random Random { get; }

        public Probe Hit()
        {
            var (source, domain) = _translated[Random.Next(_translated.Count)];
            var window = domain.Windows[Random.Next(domain.Windows.Count)];
            ulong address = window.Iova + NextBelow(window.Size);
            DmaAccess access = (window.Rights & Rights.Write) == 0 ? DmaAccess.Read
                : (window.Rights & Rights.Read) == 0 ? DmaAccess.Write
                : (DmaAccess)Random.Next(1, 4);
            return new Probe(source, address, access);
        }

        public Probe Miss()
        {
            while (true)
            {
                var (source, domain) = _translated[Random.Next(_translated.Count)];
                var gaps = Gaps(domain);
                if (gaps.Count == 0) continue;
                var (first, last) = gaps[Random.Next(gaps.Count)];
                ulong address = first + NextBelow(last - first + 1);
                // The interrupt address range is answered before any table is read (and the
                // baselines predate that rule): probes measure table lookups, so they avoid it.
                if (DmaTranslation.IsInInterruptRange(address)) continue;
                return new Probe(source, address, (DmaAccess)Random.Next(1, 4));
            }
        }

        public Probe Unbound()
        {
            for (int attempt = 0; attempt < 1000; attempt++)
            {
                uint key = Random.Next(3) switch
                {
                    // another function on a bus that has bound devices: context entry not present
                    0 when _busesInUse.Count > 0 => (uint)_busesInUse[Random.Next(_busesInUse.Count)] << 8 | (uint)Random.Next(256),
                    // anywhere on segment 0
                    1 => (uint)Random.Next(65536),
                    // a segment no unit serves
                    _ => (uint)Random.Next(1, 16) << 16 | (uint)Random.Next(65536),
                };
                ulong address = NextBelow(1UL << 32) & ~0xFFFUL;
                if (!_bound.Contains(key) && !DmaTranslation.IsInInterruptRange(address))
                    return new Probe(SourceId.FromRequesterId((ushort)(key >> 16), (ushort)key), address, (DmaAccess)Random.Next(1, 4));
            }
            throw new InvalidOperationException("No unbound source id found.");
        }

        /// <summary>Unmapped ranges of a domain below its address width: between windows and after the last (capped at 1 TiB past it).</summary>
        private List<(ulong First, ulong Last)> Gaps(Domain domain)
        {
            if (_gaps.TryGetValue(domain, out var gaps)) return gaps;
            gaps = new List<(ulong, ulong)>();
            var windows = new List<Window>(domain.Windows);
            windows.Sort((a, b) => a.Iova.CompareTo(b.Iova));
            ulong widthLast = domain.AddressWidth >= 64 ? ulong.MaxValue : (1UL << domain.AddressWidth) - 1;
            ulong next = 0;
            foreach (var window in windows)
            {
                if (window.Iova > next) gaps.Add((next, window.Iova - 1));
                next = window.IovaLast == ulong.MaxValue ? ulong.MaxValue : window.IovaLast + 1;
            }
            if (next != ulong.MaxValue && next <= widthLast)
                gaps.Add((next, Math.Min(widthLast, next + (1UL << 40) - 1)));
            _gaps[domain] = gaps;
            return gaps;
        }

        private ulong NextBelow(ulong bound) => bound <= 1 ? 0 : (ulong)Random.NextInt64(0, bound > long.MaxValue ? long.MaxValue : (long)bound);
    }
}
