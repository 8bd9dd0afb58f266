using System.Collections.Generic;
using Model = VtdDsl.Compiler.Model;

namespace VtdDsl.Benchmarks.Baselines;

/// <summary>
/// The alternative to generated code: what a competent developer writes by hand to answer DMA
/// requests from a policy held in ordinary collections. Devices map to domains through a
/// <c>Dictionary&lt;SourceId, Domain&gt;</c>; each domain keeps its windows in a
/// <c>List&lt;Window&gt;</c> searched in order. Same answers as the IOMMU (fault reasons included),
/// allocation-free per request.
/// </summary>
public sealed class InterpretedPolicy : IPolicyRunner
{
    private readonly Dictionary<SourceId, Domain> _devices = new();
    private readonly HashSet<uint> _busesInUse = new(); // segment << 8 | bus, to tell 0x01 from 0x02

    public sealed class Domain
    {
        public Domain(ushort id, bool passThrough, int addressWidth)
        {
            Id = id;
            PassThrough = passThrough;
            LastAddress = addressWidth >= 64 ? ulong.MaxValue : (1UL << addressWidth) - 1;
        }

        public ushort Id { get; }
        public bool PassThrough { get; }
        public ulong LastAddress { get; }
        public List<Window> Windows { get; } = new();
    }

    public readonly record struct Window(ulong First, ulong Last, ulong Host, bool CanRead, bool CanWrite);

    public void Bind(SourceId source, Domain domain)
    {
        _devices[source] = domain;
        _busesInUse.Add(source.Value >> 8);
    }

    public DmaTranslation Translate(SourceId source, ulong address, DmaAccess access)
    {
        if (!_devices.TryGetValue(source, out Domain? domain))
        {
            var reason = _busesInUse.Contains(source.Value >> 8) ? FaultReason.ContextEntryNotPresent : FaultReason.RootEntryNotPresent;
            return DmaTranslation.Faulted(address, reason);
        }
        if (domain.PassThrough) return DmaTranslation.Allowed(address, address, domain.Id);
        if (address > domain.LastAddress) return DmaTranslation.Faulted(address, FaultReason.AddressBeyondWidth, domain.Id);

        bool write = (access & DmaAccess.Write) != 0;
        bool read = (access & DmaAccess.Read) != 0;
        foreach (Window window in domain.Windows)
        {
            if (address < window.First || address > window.Last) continue;
            if (write && !window.CanWrite) return DmaTranslation.Faulted(address, FaultReason.WriteDenied, domain.Id);
            if (read && !window.CanRead) return DmaTranslation.Faulted(address, FaultReason.ReadDenied, domain.Id);
            return DmaTranslation.Allowed(address, window.Host + (address - window.First), domain.Id);
        }
        return DmaTranslation.Faulted(address, write ? FaultReason.WriteDenied : FaultReason.ReadDenied, domain.Id);
    }

    /// <summary>Builds the interpreter from a bound policy (as a user would from their own configuration).</summary>
    public static InterpretedPolicy From(Model.Policy policy)
    {
        var result = new InterpretedPolicy();
        var domains = new List<Domain>(policy.Domains.Count);
        foreach (Model.Domain spec in policy.Domains)
        {
            var domain = new Domain(spec.Id, spec.IsPassthrough, spec.AddressWidth);
            foreach (Model.Window window in spec.Windows)
            {
                domain.Windows.Add(new Window(window.Iova, window.IovaLast, window.HostAddress,
                    (window.Rights & Model.Rights.Read) != 0, (window.Rights & Model.Rights.Write) != 0));
            }
            domains.Add(domain);
        }
        foreach (Model.Device device in policy.Devices)
        {
            result.Bind(ToSourceId(device.Source), domains[device.DomainIndex]);
            if (device.Via is { } via) result.Bind(ToSourceId(via), domains[device.DomainIndex]);
        }
        return result;
    }

    public static SourceId ToSourceId(Model.PciAddress address) => new(address.Segment, address.Bus, address.Device, address.Function);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    ulong IPolicyRunner.Translate(Probe[] probes)
    {
        ulong sum = 0;
        foreach (ref readonly Probe probe in System.MemoryExtensions.AsSpan(probes))
        {
            var answer = Translate(probe.Source, probe.Address, probe.Access);
            sum += Answer.Fold(in answer);
        }
        return sum;
    }

    DmaTranslation IPolicyRunner.TranslateOne(Probe probe) => Translate(probe.Source, probe.Address, probe.Access);
}
