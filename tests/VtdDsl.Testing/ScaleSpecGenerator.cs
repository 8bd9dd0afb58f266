using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace VtdDsl.Testing;

/// <summary>
/// Writes valid <c>.vtd</c> specs of any size: devices, domains, windows and interrupts in the
/// counts asked for, deterministic for a seed (<c>new System.Random(seed)</c>, choices drawn in
/// a fixed order), with no errors and no warnings from <c>vtd check</c> (VTD2007 only when
/// there are more domains than devices).
/// </summary>
/// <remarks>
/// <para>One unit (<c>dmar0</c>, segment 0, scope all, widths 39 and 48, 2 MiB and 1 GiB
/// superpages) with the smallest <c>domains</c> and <c>interrupts</c> capacities that fit.</para>
/// <para>Devices are distinct functions of segment 0 chosen at random over all 256 buses; every
/// domain gets one device before any gets two; one in ten devices has <c>ats</c>.</para>
/// <para>Windows: every domain gets one before any gets two. Sizes: 60 % 4–64 KiB, 25 %
/// 68 KiB–1 MiB (4 KiB granular), 12 % 2–8 MiB aligned to 2 MiB, 3 % 1 GiB aligned to 1 GiB, so
/// the tables use 2 MiB and 1 GiB superpages. Within a domain the windows follow each other in
/// DMA address order with gaps of 0–3 pages (so unmapped addresses lie between them), never
/// overlapping. Host memory is handed out from three pools (4 KiB, 2 MiB and 1 GiB aligned),
/// never twice, so no two domains share host memory (no VTD3008); each pool is a declared
/// <c>memory</c> region. 85 % of windows are read-write, the rest read-only.</para>
/// <para>The protected hypervisor region lies in low memory, which no window targets.</para>
/// </remarks>
public static class ScaleSpecGenerator
{
    private const ulong KiB = SpecBuilder.KiB, MiB = SpecBuilder.MiB, GiB = SpecBuilder.GiB;
    private const ulong InterruptRangeFirst = 0xFEE0_0000;
    private const ulong InterruptRangeEnd = 0xFEF0_0000;
    private const ulong Page = 4 * KiB;

    /// <summary>Host memory below this is the "low" region, holding the protected hypervisor; pools start here.</summary>
    public const ulong PoolBase = 4 * GiB;

    private static readonly int[] DomainCapacities = { 16, 64, 256, 1024, 4096, 16384, 65536 };

    /// <summary>Generates the spec of <paramref name="options"/>.</summary>
    public static ScaleSpec Generate(ScaleSpecOptions options)
    {
        if (options is null) throw new ArgumentNullException(nameof(options));
        options.Validate();
        var random = new Random(options.Seed);

        var devices = ChooseDevices(options, random);
        var windows = ChooseWindows(options, random, out ulong[] poolBytes);
        var interrupts = ChooseInterrupts(options, random, devices.Length);

        // Pools follow each other from 4 GiB, each rounded up to 1 GiB (which keeps every pool aligned).
        var poolBase = new ulong[3];
        ulong cursor = PoolBase;
        for (int pool = 0; pool < 3; pool++)
        {
            poolBase[pool] = cursor;
            cursor += RoundUp(poolBytes[pool], GiB);
        }

        var domains = new ScaleDomain[options.Domains];
        for (int d = 0; d < domains.Length; d++)
        {
            var list = windows[d];
            var placed = new ScaleWindow[list.Count];
            for (int i = 0; i < placed.Length; i++)
            {
                var (iova, size, pool, offset, writable) = list[i];
                placed[i] = new ScaleWindow(iova, size, poolBase[pool] + offset, writable);
            }
            domains[d] = new ScaleDomain(DomainName(d), placed);
        }

        string text = Write(options, domains, devices, interrupts, poolBase, poolBytes);
        return new ScaleSpec(options, text, domains, devices, interrupts);
    }

    /// <summary>Generates a preset (<c>Small</c>, <c>Medium</c>, <c>Large</c>) with a seed.</summary>
    public static ScaleSpec Generate(string preset, int seed = 1) => Generate(ScaleSpecOptions.Preset(preset) with { Seed = seed });

    /// <summary>Writes the spec of <paramref name="options"/> to <paramref name="path"/> (creating folders) and returns it.</summary>
    public static ScaleSpec WriteTo(ScaleSpecOptions options, string path)
    {
        var spec = Generate(options);
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null) Directory.CreateDirectory(directory);
        File.WriteAllText(path, spec.Text, new UTF8Encoding(false));
        return spec;
    }

    public static string DomainName(int domain) => "dom" + domain.ToString(CultureInfo.InvariantCulture);

    public static string DeviceName(byte bus, byte device, byte function) =>
        string.Create(CultureInfo.InvariantCulture, $"dev_{bus:x2}_{device:x2}_{function}");

    private static ScaleDevice[] ChooseDevices(ScaleSpecOptions options, Random random)
    {
        int count = options.Devices;
        // A partial Fisher–Yates shuffle of the 65,536 requester ids picks distinct functions.
        var ids = new int[ScaleSpecOptions.MaxDevices];
        for (int i = 0; i < ids.Length; i++) ids[i] = i;
        for (int i = 0; i < count; i++)
        {
            int j = random.Next(i, ids.Length);
            (ids[i], ids[j]) = (ids[j], ids[i]);
        }
        Array.Sort(ids, 0, count);

        // Domains in a random order of devices: the first D devices of that order take domains
        // 0..D-1 (so every domain has a device), the rest a random domain.
        var order = Permutation(count, random);
        var domainOf = new int[count];
        for (int k = 0; k < count; k++)
        {
            domainOf[order[k]] = k < options.Domains ? k : random.Next(options.Domains);
        }

        var devices = new ScaleDevice[count];
        for (int i = 0; i < count; i++)
        {
            byte bus = (byte)(ids[i] >> 8);
            byte device = (byte)((ids[i] >> 3) & 0x1F);
            byte function = (byte)(ids[i] & 7);
            bool ats = random.Next(10) == 0;
            devices[i] = new ScaleDevice(DeviceName(bus, device, function), bus, device, function, domainOf[i], ats);
        }
        return devices;
    }

    private static List<(ulong Iova, ulong Size, int Pool, ulong Offset, bool Writable)>[] ChooseWindows(
        ScaleSpecOptions options, Random random, out ulong[] poolBytes)
    {
        int domainCount = options.Domains;
        var counts = new int[domainCount];
        int total = options.Windows;
        if (domainCount > 0)
        {
            int firstRound = Math.Min(total, domainCount);
            for (int d = 0; d < firstRound; d++) counts[d]++;
            for (int w = firstRound; w < total; w++) counts[random.Next(domainCount)]++;
        }

        poolBytes = new ulong[3];
        var windows = new List<(ulong, ulong, int, ulong, bool)>[domainCount];
        for (int d = 0; d < domainCount; d++)
        {
            var list = new List<(ulong, ulong, int, ulong, bool)>(counts[d]);
            ulong iova = 0;
            for (int w = 0; w < counts[d]; w++)
            {
                int kind = random.Next(100);
                ulong size;
                int pool;
                if (kind < 60) { size = (ulong)random.Next(1, 17) * Page; pool = 0; }
                else if (kind < 85) { size = (ulong)random.Next(17, 257) * Page; pool = 0; }
                else if (kind < 97) { size = (ulong)random.Next(1, 5) * 2 * MiB; pool = 1; }
                else { size = GiB; pool = 2; }
                ulong align = pool switch { 0 => Page, 1 => 2 * MiB, _ => GiB };
                iova = RoundUp(iova + (ulong)random.Next(4) * Page, align);
                // DMA addresses 0xFEE0_0000-0xFEEF_FFFF are interrupt requests, never translated: skip them.
                if (iova < InterruptRangeEnd && iova + size > InterruptRangeFirst) iova = RoundUp(InterruptRangeEnd, align);
                bool writable = random.Next(100) < 85;
                ulong offset = poolBytes[pool]; // pools hand out whole multiples of their alignment
                poolBytes[pool] += size;
                list.Add((iova, size, pool, offset, writable));
                iova += size;
            }
            windows[d] = list;
        }
        return windows;
    }

    private static ScaleInterrupt[] ChooseInterrupts(ScaleSpecOptions options, Random random, int deviceCount)
    {
        var interrupts = new ScaleInterrupt[options.Interrupts];
        if (interrupts.Length == 0) return interrupts;
        var order = Permutation(deviceCount, random);
        for (int i = 0; i < interrupts.Length; i++)
        {
            int device = order[i % deviceCount];
            byte vector = (byte)random.Next(0x20, 0xFF);
            uint cpu = (uint)random.Next(64);
            int option = random.Next(100);
            interrupts[i] = new ScaleInterrupt(device, vector, cpu, Level: option < 15, LowestPriority: option >= 90);
        }
        return interrupts;
    }

    private static string Write(ScaleSpecOptions options, ScaleDomain[] domains, ScaleDevice[] devices,
        ScaleInterrupt[] interrupts, ulong[] poolBase, ulong[] poolBytes)
    {
        var c = CultureInfo.InvariantCulture;
        var spec = new SpecBuilder(options.PolicyName, 256 + options.Windows * 64 + devices.Length * 40 + interrupts.Length * 48,
            comment: $"Generated by VtdDsl.Testing.ScaleSpecGenerator: seed {options.Seed.ToString(c)}, {devices.Length.ToString(c)} devices, "
                + $"{domains.Length.ToString(c)} domains, {options.Windows.ToString(c)} windows, {interrupts.Length.ToString(c)} interrupts.");
        spec.Blank();

        int domainCapacity = Array.Find(DomainCapacities, capacity => capacity > domains.Length);
        int interruptEntries = 256;
        while (interruptEntries < interrupts.Length) interruptEntries *= 2;
        spec.Iommu("dmar0", "segment 0", "scope all", "address-width 39, 48", "domains " + domainCapacity.ToString(c),
            "superpages 2MiB, 1GiB", "interrupts " + interruptEntries.ToString(c)).Blank();

        spec.Memory("low", 0, 4 * GiB);
        string[] poolNames = { "ram_4k", "ram_2m", "ram_1g" };
        for (int pool = 0; pool < 3; pool++)
        {
            if (poolBytes[pool] != 0) spec.Memory(poolNames[pool], poolBase[pool], RoundUp(poolBytes[pool], GiB));
        }
        if (options.ProtectedMemory) spec.Protect("hypervisor", 0x100_0000, 64 * MiB);

        foreach (var domain in domains)
        {
            spec.Blank().Domain(domain.Name, body =>
            {
                foreach (var window in domain.Windows) body.Map(window.Iova, window.Size, window.Host, window.Writable ? "read write" : "read");
            });
        }

        if (devices.Length > 0) spec.Blank();
        foreach (var device in devices)
        {
            string source = device.Bus.ToString("x2", c) + ":" + device.Device.ToString("x2", c) + "." + device.Function.ToString(c);
            if (device.Ats) spec.Device(source, domains[device.Domain].Name, device.Name, null, "ats");
            else spec.Device(source, domains[device.Domain].Name, device.Name);
        }

        if (interrupts.Length > 0) spec.Blank();
        foreach (var interrupt in interrupts)
        {
            string device = devices[interrupt.Device].Name;
            if (interrupt.Level) spec.Interrupt(device, interrupt.Vector, interrupt.Cpu, "trigger level");
            else if (interrupt.LowestPriority) spec.Interrupt(device, interrupt.Vector, interrupt.Cpu, "mode lowest-priority");
            else spec.Interrupt(device, interrupt.Vector, interrupt.Cpu);
        }
        return spec.Build();
    }

    private static int[] Permutation(int count, Random random)
    {
        var order = new int[count];
        for (int i = 0; i < count; i++) order[i] = i;
        for (int i = count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    private static ulong RoundUp(ulong value, ulong alignment) => (value + alignment - 1) / alignment * alignment;
}
