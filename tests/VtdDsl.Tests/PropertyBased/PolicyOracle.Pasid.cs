using VtdDsl.Compiler.Model;

namespace VtdDsl.Tests.PropertyBased;

/// <summary>
/// LANGUAGE.md's "Scalable mode" for a request tagged with a PASID, with the fault reasons and
/// table structure VTD-FORMATS.md gives ("Scalable mode", "Fault reasons"), computed from the
/// bound model by linear scans like the rest of the oracle.
/// </summary>
public sealed partial class PolicyOracle
{
    /// <summary>PASIDs the smallest PASID directory covers: 2^(PDTS + 7) entries of 64 PASIDs, PDTS = max(0, pasid-bits − 13).</summary>
    private const int SmallestDirectoryBits = 13;

    /// <summary>
    /// <c>TranslateWithPasid</c>: the scalable-mode walk root → context → PASID directory → PASID
    /// table entry, then a domain's second stage with the legacy codes 0x04–0x06 and the address
    /// limit 2^min(domain width, MGAW of the unit serving the request), pass-through, or (a process)
    /// first stage, which the policy alone cannot answer beyond "process P, its domain id".
    /// The interrupt address range is not special here (it applies to requests without a PASID only).
    /// </summary>
    public PasidTranslation TranslateWithPasid(SourceId source, uint pasid, ulong address, DmaAccess access)
    {
        int unit = UnitFor(source);
        if (unit < 0) return PasidTranslation.Faulted(address, pasid, FaultReason.ScalableRootEntryNotPresent);
        var serving = _policy.Units[unit];
        if (serving.Mode != TranslationMode.Scalable) return PasidTranslation.Faulted(address, pasid, FaultReason.PasidRequestInLegacyMode);
        if (!BusHasBoundIds(source, unit)) return PasidTranslation.Faulted(address, pasid, FaultReason.ScalableRootEntryNotPresent);
        int own = DomainOf(source);
        if (own < 0) return PasidTranslation.Faulted(address, pasid, FaultReason.ScalableContextEntryNotPresent);
        // PASIDE: the context entry of this id enables PASIDs when a device with this own id has pasid lines.
        if (PasidOwner(source) is not { } owner) return PasidTranslation.Faulted(address, pasid, FaultReason.PasidDisabled);
        int covered = serving.PasidBits > SmallestDirectoryBits ? serving.PasidBits : SmallestDirectoryBits;
        if (pasid >> covered != 0) return PasidTranslation.Faulted(address, pasid, FaultReason.PasidBeyondContextMax);

        int target = own; // PASID 0 is the RID_PASID: the device's own domain
        if (pasid != 0)
        {
            if (BindingOf(owner, pasid) is not { } binding)
            {
                // group 0 always has a PASID table (it holds the RID_PASID entry); another group only with a binding in it
                bool groupHasTable = pasid >> 6 == 0 || HasBindingInGroup(owner, pasid >> 6);
                return PasidTranslation.Faulted(address, pasid, groupHasTable ? FaultReason.PasidEntryNotPresent : FaultReason.PasidDirectoryEntryNotPresent);
            }
            if (binding.Kind == PasidTargetKind.Process)
            {
                return PasidTranslation.FirstStage(address, pasid, binding.TargetIndex, _policy.Processes[binding.TargetIndex].DomainId);
            }
            target = binding.TargetIndex;
        }
        var domain = _policy.Domains[target];
        if (domain.IsPassthrough) return PasidTranslation.Allowed(address, pasid, address, domain.Id, PasidTranslationType.PassThrough);
        var answer = SecondStage(domain, serving, address, access);
        return answer.IsAllowed
            ? PasidTranslation.Allowed(address, pasid, answer.HostAddress, domain.Id, PasidTranslationType.SecondStage)
            : PasidTranslation.Faulted(address, pasid, answer.Fault, domain.Id, PasidTranslationType.SecondStage);
    }

    /// <summary>The device whose own id is <paramref name="source"/> and that has <c>pasid</c> lines, or null.</summary>
    public Device? PasidOwner(SourceId source)
    {
        foreach (var device in _policy.Devices)
        {
            if (device.Source.Key == source.Value && device.Pasids.Count > 0) return device;
        }
        return null;
    }

    private static PasidBinding? BindingOf(Device owner, uint pasid)
    {
        foreach (var binding in owner.Pasids)
        {
            if (binding.Pasid == pasid) return binding;
        }
        return null;
    }

    private static bool HasBindingInGroup(Device owner, uint group)
    {
        foreach (var binding in owner.Pasids)
        {
            if (binding.Pasid >> 6 == group) return true;
        }
        return false;
    }

    /// <summary>
    /// The address limit, in bits, of a request of <paramref name="source"/> through domain
    /// <paramref name="domain"/> (its own, or one a PASID selects): min(the domain's width, MGAW of
    /// the unit serving the source); 64 for a pass-through domain or a source no unit serves.
    /// </summary>
    public int AddressLimitOf(SourceId source, int domain)
    {
        int unit = UnitFor(source);
        var target = _policy.Domains[domain];
        return unit < 0 || target.IsPassthrough ? 64 : AddressLimit(target, _policy.Units[unit]);
    }
}
