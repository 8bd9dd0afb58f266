using System.Linq;
using VtdDsl.Compiler.Syntax;

namespace VtdDsl.Compiler.Binding;

/// <summary>
/// SR-IOV runs: <c>functions vf 03:10.0 count 64 stride 1 -> g0, …, g63;</c> binds devices
/// <c>vf0</c>…<c>vf63</c>, function i at routing id first + i × stride, each to the one domain
/// listed or to the i-th of exactly count domains. Every expanded device points at the
/// declaration; its domain span at the domain name it was bound by.
/// </summary>
internal sealed partial class Binder
{
    private void BindFunctionRun(VtdParser.FunctionsDeclContext run, NameTable names, List<Device> devices, ScopeIndex scopes, NameTable domains)
    {
        string? runName = BindContext.Name(run.runName);
        var first = _context.SourceId(run.first);
        ulong? count = _context.Number(run.count);
        ulong? stride = _context.Number(run.stride);
        var domainNames = new List<(string Name, SourceSpan Span)>();
        foreach (var domainName in run._domainNames)
        {
            if (BindContext.Name(domainName) is { } text) domainNames.Add((text, BindContext.Span(domainName)));
        }
        if (runName is null || first is null || count is null || stride is null || domainNames.Count == 0)
        {
            RememberWords(run, except: null);
            return;
        }
        var runSpan = BindContext.Span(run.runName);
        if (count.Value == 0 || stride.Value == 0)
        {
            _context.Report(DiagnosticDescriptors.EmptyFunctionRun, BindContext.Span(count.Value == 0 ? run.count : run.stride), runName, count.Value, stride.Value);
            RememberWords(run, except: null); // its domains are not "unused", its functions not "unknown"
            return;
        }
        if (domainNames.Count != 1 && (ulong)domainNames.Count != count.Value)
        {
            _context.Report(DiagnosticDescriptors.FunctionRunDomainCount, BindContext.Span(run.count), runName, count.Value, domainNames.Count);
            RememberWords(run, except: null); // its domains are not "unused", its functions not "unknown"
            return;
        }
        ulong lastRid = first.Value.RequesterId + (count.Value - 1) * stride.Value;
        if (count.Value - 1 > ushort.MaxValue || stride.Value > ushort.MaxValue || lastRid > ushort.MaxValue)
        {
            ulong beyond = (0x1_0000UL - first.Value.RequesterId + stride.Value - 1) / stride.Value;
            _context.Report(DiagnosticDescriptors.FunctionRunBeyondSegment, BindContext.Span(run.count),
                beyond, runName, first.Value.RequesterId + beyond * stride.Value, first.Value.Segment);
            RememberWords(run, except: null); // its domains are not "unused", its functions not "unknown"
            return;
        }
        var declarationSpan = BindContext.Span(run);
        var firstSpan = BindContext.Span(run.first);
        var clashes = new List<(SourceSpan Taken, int Index)>();
        for (int i = 0; i < (int)count.Value; i++)
        {
            _context.CancellationToken.ThrowIfCancellationRequested();
            string name = runName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var (domainName, domainSpan) = domainNames[domainNames.Count == 1 ? 0 : i];
            if (!names.TryDeclare(_context, name, runSpan, devices.Count, out var taken))
            {
                clashes.Add((taken, i));
                continue;
            }
            int domainIndex = domainNames.Count > 1 || i == 0 ? domains.Resolve(_context, domainName, domainSpan) : domains.IndexOf(domainName);
            if (domainIndex < 0 && (domainNames.Count > 1 || i == 0))
            {
                _context.ReportUnknownName(DiagnosticDescriptors.UnknownDomain, domainSpan, domainName, domains.Names);
            }
            ushort rid = (ushort)(first.Value.RequesterId + (ulong)i * stride.Value);
            var source = PciAddress.FromKey((uint)first.Value.Segment << 16 | rid);
            devices.Add(new Device(
                name, declarationSpan, source, firstSpan,
                null, default, domainName, domainSpan, domainIndex,
                scopes.Find(source), -1,
                false, default, false, EquatableArray<PasidBinding>.Empty)
            { RunName = runName, RunIndex = i });
        }
        foreach (var clash in clashes.GroupBy(c => c.Taken))
        {
            // One VTD1001 per declaration the run clashes with (an earlier run of the same name,
            // or a device named like one of its functions), naming the functions that clash.
            var indices = clash.Select(c => c.Index).ToList();
            _context.Report(DiagnosticDescriptors.DuplicateName, runSpan, clash.Key,
                indices.Count == 1 ? "Function" : "Functions",
                FunctionRunText.Names(runName, indices) + " of run '" + runName + "'",
                indices.Count == 1 ? "is" : "are");
        }
    }
}
