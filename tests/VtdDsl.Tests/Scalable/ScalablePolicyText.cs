using System.Globalization;
using VtdDsl.Testing;

namespace VtdDsl.Tests.Scalable;

/// <summary>
/// Random valid scalable-mode policies, from a seed (printed on failure, so a failing policy can be
/// rebuilt): a scalable unit on segment 0 (random PASID width, superpages, widths), sometimes a
/// legacy unit on segment 1, processes, second-stage and pass-through domains, and devices with
/// and without <c>pasid</c> lines bound to domains and processes.
/// </summary>
internal static class ScalablePolicyText
{
    private const ulong KiB = 1024, MiB = 1024 * KiB, GiB = 1024 * MiB;

    public static string Create(int seed)
    {
        var random = new Random(seed);
        int bits = random.Next(4) switch { 0 => 6, 1 => 13, 2 => 15, _ => 20 };
        string superpages = random.Next(3) switch { 0 => "none", 1 => "2MiB", _ => "2MiB, 1GiB" };
        bool legacyUnit = random.Next(2) == 0;
        var spec = new SpecBuilder(string.Create(CultureInfo.InvariantCulture, $"Test.Random{seed}"));
        spec.Iommu("dmar0", "mode scalable", string.Create(CultureInfo.InvariantCulture, $"pasid-bits {bits}"), $"superpages {superpages}",
            "address-width 39, 48, 57", "interrupts 0");
        if (legacyUnit) spec.Iommu("dmar1", "segment 1", "interrupts 0");

        int processes = random.Next(3);
        for (int p = 0; p < processes; p++) spec.Process(string.Create(CultureInfo.InvariantCulture, $"p{p}"));

        int domains = 1 + random.Next(4);
        bool passThrough = random.Next(3) == 0;
        for (int d = 0; d < domains; d++)
        {
            spec.Domain(string.Create(CultureInfo.InvariantCulture, $"d{d}"), body =>
            {
                var slots = Enumerable.Range(0, 8).OrderBy(_ => random.Next()).Take(1 + random.Next(3)).OrderBy(s => s);
                foreach (int slot in slots)
                {
                    ulong size = random.Next(5) switch { 0 => 4 * KiB, 1 => 12 * KiB, 2 => 2 * MiB, 3 => 2 * MiB + 4 * KiB, _ => 1 * GiB };
                    ulong iova = (ulong)slot * 2 * GiB + (random.Next(2) == 0 ? 0 : (ulong)random.Next(1, 256) * 2 * MiB + (ulong)random.Next(2) * 4 * KiB);
                    if (random.Next(5) == 0) iova += 1UL << 39; // a 48-bit domain
                    ulong host = (ulong)random.Next(1, 1 << 20) * (random.Next(3) == 0 ? GiB : random.Next(2) == 0 ? 2 * MiB : 4 * KiB) % (1UL << 46);
                    string rights = random.Next(4) switch { 0 => "read", 1 => "write", _ => "read write" };
                    body.Map(iova, size, host, rights);
                }
            });
        }
        if (passThrough) spec.PassthroughDomain("dpt");

        var used = new HashSet<int>();
        int devices = 1 + random.Next(5);
        for (int i = 0; i < devices; i++)
        {
            int rid;
            do rid = random.Next(4) == 0 ? random.Next(0x10000) : (random.Next(3) << 8) | random.Next(256);
            while (!used.Add(rid));
            string sid = string.Create(CultureInfo.InvariantCulture, $"{rid >> 8:x2}:{(rid >> 3) & 0x1F:x2}.{rid & 7}");
            bool pt = passThrough && random.Next(3) == 0;
            string domain = pt ? "dpt" : string.Create(CultureInfo.InvariantCulture, $"d{random.Next(domains)}");
            var options = new List<string>();
            if (!pt && random.Next(4) != 0) options.AddRange(new[] { "ats", "pri" });
            bool svm = options.Count > 0;
            if (random.Next(4) != 0)
            {
                uint group = (uint)random.Next(1 << Math.Max(0, bits - 6));
                var pasids = new SortedSet<uint>();
                int count = 1 + random.Next(5);
                for (int k = 0; k < count; k++)
                {
                    uint pasid = random.Next(3) == 0 ? (uint)random.Next(1, 1 << bits) : (group << 6 | (uint)random.Next(64)) & ((1u << bits) - 1);
                    if (pasid != 0) pasids.Add(pasid);
                }
                foreach (uint pasid in pasids)
                {
                    string target = svm && processes > 0 && random.Next(2) == 0
                        ? string.Create(CultureInfo.InvariantCulture, $"process p{random.Next(processes)}")
                        : passThrough && random.Next(4) == 0 ? "dpt" : string.Create(CultureInfo.InvariantCulture, $"d{random.Next(domains)}");
                    options.Add($"pasid {SpecBuilder.Hex(pasid)} -> {target}");
                }
            }
            spec.Device(sid, domain, string.Create(CultureInfo.InvariantCulture, $"dev{i}"), null, options.ToArray());
        }
        if (legacyUnit) spec.Device("0001:00:01.0", "d0", "old_nic");
        return spec.Build();
    }
}
