using System;
using System.Text;
using System.Threading;
using VtdDsl.Tool.Input;
using VtdDsl.Compiler;
using VtdDsl.Compiler.Writing;

namespace VtdDsl.Fuzz;

/// <summary>What one input made of the pipeline (for the figures; every outcome is fine).</summary>
public enum FuzzOutcome
{
    /// <summary>The spec has errors: diagnostics, no layout.</summary>
    Diagnostics,

    /// <summary>Compiled; its tables would exceed <see cref="FuzzPipeline.MaxImageBytes"/>, so no image was written.</summary>
    TooLargeForImage,

    /// <summary>Compiled; the image writer refused the tables with its documented <see cref="ArgumentException"/> (e.g. a window beyond 2^52).</summary>
    ImageRefused,

    /// <summary>Compiled, image written, the IOMMU model agreed with the engine on every probe.</summary>
    Image,
}

/// <summary>An input broke an invariant of the pipeline: a crash for the fuzzer, a failure for the tests.</summary>
public sealed class FuzzFindingException : Exception
{
    public FuzzFindingException(string message)
        : base(message)
    {
    }

    public FuzzFindingException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>
/// The fuzz target: bytes → UTF-8 text → parse, bind, check, layout (<see cref="VtdCompiler"/>)
/// → for a valid policy, the CLI's runtime tables, a <see cref="PolicyWriter"/> round trip, and
/// <see cref="DmarImage.Plan{T}"/>/<see cref="DmarImage.Create{T}"/> under a memory cap, with
/// the IOMMU model checked against the engine at window edges.
/// </summary>
/// <remarks>
/// Documented outcomes: diagnostics (the compiler never throws: VTD9999 is a finding),
/// <see cref="OperationCanceledException"/> when the caller cancels, and
/// <see cref="ArgumentException"/> from the image writer for tables it cannot write. Anything
/// else that escapes is a crash; broken invariants throw <see cref="FuzzFindingException"/>.
/// </remarks>
public static class FuzzPipeline
{
    /// <summary>Longer inputs are cut here: libFuzzer's own default limit is far below it.</summary>
    public const int MaxInputBytes = 1 << 20;

    /// <summary>The image is written only when the tables' worst-case size stays below this.</summary>
    public const ulong MaxImageBytes = 32UL << 20;

    /// <summary>Host address the image is built for.</summary>
    public const ulong ImageBase = 0x1000_0000_0000UL;

    private const int MaxProbedWindows = 64;

    public static FuzzOutcome Run(ReadOnlySpan<byte> data, CancellationToken cancellationToken = default)
    {
        if (data.Length > MaxInputBytes) data = data[..MaxInputBytes];
        return RunText(Encoding.UTF8.GetString(data), cancellationToken);
    }

    public static FuzzOutcome RunText(string text, CancellationToken cancellationToken = default)
    {
        var result = VtdCompiler.Compile("fuzz.vtd", text, cancellationToken);
        CheckResult(result, text);
        if (result.Layout is null)
        {
            return FuzzOutcome.Diagnostics;
        }

        ArrayPolicyTables tables;
        try
        {
            tables = RuntimeTables.From(result.Layout);
        }
        catch (ArgumentException invalid)
        {
            throw new FuzzFindingException("the compiler's layout is not valid runtime tables", invalid);
        }

        RoundTrip(result, cancellationToken);

        if (WorstCaseImageBytes(in tables) > MaxImageBytes)
        {
            return FuzzOutcome.TooLargeForImage;
        }
        byte[] image;
        DmarImageLayout layout;
        try
        {
            var plan = DmarImage.Plan(in tables);
            if (plan.TotalBytes > MaxImageBytes)
            {
                throw new FuzzFindingException($"the worst-case estimate was below {MaxImageBytes} bytes but the plan needs {plan.TotalBytes}");
            }
            image = DmarImage.Create(in tables, ImageBase, out layout);
        }
        catch (ArgumentException)
        {
            return FuzzOutcome.ImageRefused;
        }
        CompareWithModel(in tables, result, image, layout);
        return FuzzOutcome.Image;
    }

    private static void CheckResult(CompilationResult result, string text)
    {
        foreach (var diagnostic in result.Diagnostics)
        {
            if (diagnostic.Id == "VTD9999")
            {
                throw new FuzzFindingException($"internal compiler error: {diagnostic}");
            }
            if (diagnostic.Location.Span.Line < 1 || diagnostic.Location.Span.Column < 1)
            {
                throw new FuzzFindingException($"diagnostic without a position: {diagnostic}");
            }
        }
        if (result.Policy is null)
        {
            throw new FuzzFindingException("no bound policy");
        }
        if (result.Diagnostics.Count > 1000)
        {
            throw new FuzzFindingException($"{result.Diagnostics.Count} diagnostics: the cap is 1000");
        }
        if ((result.Layout is null) != result.HasErrors)
        {
            throw new FuzzFindingException($"layout {(result.Layout is null ? "missing" : "present")} but HasErrors is {result.HasErrors}");
        }
        _ = text;
    }

    /// <summary>PolicyWriter's promise: the written text compiles to the same tables.</summary>
    private static void RoundTrip(CompilationResult result, CancellationToken cancellationToken)
    {
        string written = PolicyWriter.Write(result.Policy!);
        var again = VtdCompiler.Compile("fuzz-roundtrip.vtd", written, cancellationToken);
        if (again.Layout is null)
        {
            throw new FuzzFindingException("PolicyWriter's text does not compile:\n" + written + "\n" + string.Join("\n", again.Diagnostics));
        }
        if (!again.Layout.Equals(result.Layout))
        {
            throw new FuzzFindingException("PolicyWriter's text compiles to different tables:\n" + written);
        }
    }

    /// <summary>
    /// An upper bound on the image's bytes from the tables alone, so a huge window is never
    /// planned page by page: per unit, every translated domain's top table, and at each lower
    /// level the distinct table regions its windows touch (only the two edge regions where a
    /// superpage can cover the interior, i.e. the unit supports it and the window's DMA and host
    /// addresses are congruent modulo the superpage size).
    /// </summary>
    public static ulong WorstCaseImageBytes<T>(in T tables) where T : struct, IPolicyTables
    {
        ulong pages = 0;
        for (int u = 0; u < tables.UnitSegment.Length; u++)
        {
            byte caps = tables.UnitCapabilities[u];
            pages = Add(pages, 1 + 256 + (ulong)((tables.UnitInterruptEntries[u] * 16L + 4095) / 4096));
            for (int d = 0; d < tables.Domains.Length; d++)
            {
                DomainRecord domain = tables.Domains[d];
                if (domain.IsPassThrough) continue;
                int top = domain.Width switch { 39 => 3, 48 => 4, _ => 5 };
                pages = Add(pages, 1);
                for (int level = 1; level < top; level++)
                {
                    int shift = 12 + 9 * level; // one table of this level covers 2^shift bytes
                    ulong counted = 0;
                    bool any = false;
                    ulong previous = 0;
                    for (int w = domain.WindowStart; w < domain.WindowStart + domain.WindowCount; w++)
                    {
                        ulong iova = tables.Windows[w].Iova;
                        ulong skew = iova ^ tables.Windows[w].Host;
                        bool giant = (caps & UnitCapabilities.Superpage1G) != 0 && (skew & ((1UL << 30) - 1)) == 0;
                        bool large = (caps & UnitCapabilities.Superpage2M) != 0 && (skew & ((1UL << 21) - 1)) == 0;
                        bool interiorFree = level == 1 ? giant || large : level == 2 && giant;
                        ulong lo = iova >> shift, hi = tables.Windows[w].Last >> shift;
                        foreach (var (first, last) in interiorFree ? new[] { (lo, lo), (hi, hi) } : new[] { (lo, hi) })
                        {
                            ulong from = any && first <= previous ? previous + 1 : first;
                            if (last >= from) counted = Add(counted, last - from + 1);
                            if (!any || last > previous) previous = last;
                            any = true;
                        }
                    }
                    pages = Add(pages, counted);
                }
            }
        }
        return pages > ulong.MaxValue / 4096 ? ulong.MaxValue : pages * 4096;
    }

    private static ulong Add(ulong a, ulong b) => a > ulong.MaxValue - b ? ulong.MaxValue : a + b;

    /// <summary>The hardware walk over the image answers like the engine at the edges of (at most 64) windows and at every interrupt entry.</summary>
    private static void CompareWithModel(in ArrayPolicyTables tables, CompilationResult result, byte[] image, DmarImageLayout layout)
    {
        var platform = IommuPlatform.FromImage(in tables, layout, image);
        var policy = result.Policy!;
        int probed = 0;
        foreach (var device in policy.Devices)
        {
            var source = new SourceId(device.Source.Segment, device.Source.Bus, device.Source.Device, device.Source.Function);
            Compare(in tables, platform, source, 0, DmaAccess.Read);
            if (device.DomainIndex < 0 || probed >= MaxProbedWindows) continue;
            foreach (var window in policy.Domains[device.DomainIndex].Windows)
            {
                if (++probed > MaxProbedWindows) break;
                foreach (ulong address in new[] { window.Iova, window.IovaLast, window.IovaLast + 1, window.Iova - 1 })
                {
                    Compare(in tables, platform, source, address, DmaAccess.Read);
                    Compare(in tables, platform, source, address, DmaAccess.ReadWrite);
                }
            }
        }
        foreach (var interrupt in policy.Interrupts)
        {
            var device = policy.Devices[interrupt.DeviceIndex];
            var requester = device.Via ?? device.Source;
            var source = new SourceId(requester.Segment, requester.Bus, requester.Device, requester.Function);
            var engine = PolicyEngine.RemapInterrupt(in tables, source, interrupt.Index);
            var model = platform.RemapInterrupt(source, interrupt.Index);
            if (engine != model || !engine.IsAllowed)
            {
                throw new FuzzFindingException($"interrupt {source} index {interrupt.Index}: engine {engine}, IOMMU model {model}");
            }
        }
    }

    private static void Compare(in ArrayPolicyTables tables, IommuPlatform platform, SourceId source, ulong address, DmaAccess access)
    {
        var engine = PolicyEngine.Translate(in tables, source, address, access);
        var model = platform.Translate(source, address, access);
        if (engine != model)
        {
            throw new FuzzFindingException($"{source} 0x{address:x} {access}: engine {engine} (domain {engine.DomainId}), IOMMU model {model} (domain {model.DomainId})");
        }
    }
}
