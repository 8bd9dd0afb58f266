using System.Collections.Generic;
using System.Linq;
using VtdDsl.Compiler;
using VtdDsl.Compiler.Model;
using Xunit.Abstractions;

namespace VtdDsl.Tests.PropertyBased;

/// <summary>
/// The generator is worth its name: nearly every repaired spec compiles without errors, and the
/// policies cover what the isolation properties must see (so a property cannot pass by never
/// meeting, say, a <c>via</c> device or a shared window).
/// </summary>
public sealed class PolicyGeneratorTests
{
    private readonly ITestOutputHelper _output;

    public PolicyGeneratorTests(ITestOutputHelper output) => _output = output;

    /// <summary>
    /// Errors the repair rules out by construction, never merely filtered: no <c>pasid</c> line on a
    /// <c>via</c> device (VTD6009), and domain and process ids below every unit's <c>domains</c>
    /// (VTD2008, VTD2011).
    /// </summary>
    private static readonly string[] RuledOutByConstruction = { "VTD6009", "VTD2008", "VTD2011" };

    [Fact]
    public void Repaired_specs_compile_without_errors()
    {
        const int count = 400;
        int valid = 0;
        string? firstInvalid = null;
        for (int i = 0; i < count; i++)
        {
            var spec = PropertyRun.Nth(PolicyGenerators.Spec, i, out _);
            var result = VtdCompiler.Compile("generated.vtd", spec.Render());
            if (!result.HasErrors) valid++;
            else firstInvalid ??= spec.Render() + string.Join("\n", result.Diagnostics.Where(d => d.IsError));
            Assert.False(result.Diagnostics.Any(d => RuledOutByConstruction.Contains(d.Id)),
                $"the repair should rule out {string.Join(", ", RuledOutByConstruction)}:\n{spec.Render()}\n{string.Join("\n", result.Diagnostics)}");
        }
        _output.WriteLine($"{valid} of {count} repaired specs compile without errors");
        Assert.True(valid >= count * 98 / 100, $"only {valid} of {count} repaired specs compile; the first that does not:\n{firstInvalid}");
    }

    [Fact]
    public void Generated_policies_cover_every_feature_the_properties_need()
    {
        var policies = Enumerable.Range(0, 300).Select(i => PropertyRun.Nth(PolicyGenerators.Policy, i, out _)).ToArray();
        var features = new (string Name, System.Func<GeneratedPolicy, bool> Has)[]
        {
            ("several units", p => p.Spec.Units.Length > 1),
            ("implicit unit", p => p.Spec.Units.Any(u => u.Implicit)),
            ("segment 1", p => p.Spec.Devices.Any(d => d.Source.Segment == 1)),
            ("memory map", p => p.Spec.Memory.Length > 0),
            ("protected memory", p => p.Spec.Protected.Length > 0),
            ("explicit id", p => p.Spec.Domains.Any(d => d.Id is not null)),
            ("explicit width", p => p.Spec.Domains.Any(d => d.Width is not null)),
            ("57-bit unit", p => p.Spec.Units.Any(u => u.Widths.Contains(57))),
            ("48-bit domain", p => p.Result.Policy!.Domains.Any(d => d.AddressWidth == 48)),
            ("39-bit domain", p => p.Result.Policy!.Domains.Any(d => d.AddressWidth == 39)),
            ("pass-through domain in use", p => p.Spec.Devices.Any(d => p.Spec.Domains[d.Domain].Passthrough)),
            ("identity window", p => p.Spec.Domains.Any(d => d.Windows.Any(w => w.Identity))),
            ("2 MiB window", p => p.Spec.Domains.Any(d => d.Windows.Any(w => w.Size % PolicyGenerators.TwoMiB == 0))),
            ("1 GiB window", p => p.Spec.Domains.Any(d => d.Windows.Any(w => w.Size % PolicyGenerators.OneGiB == 0))),
            ("adjacent windows", p => p.Spec.Domains.Any(d => d.Windows.Any(a => d.Windows.Any(b => b.Iova == a.IovaLast + 1)))),
            ("window above 2^39", p => p.Spec.Domains.Any(d => d.Windows.Any(w => w.IovaLast >= 1UL << 39))),
            ("write-only window", p => p.Spec.Domains.Any(d => d.Windows.Any(w => w.Write && !w.Read))),
            ("read-only window", p => p.Spec.Domains.Any(d => d.Windows.Any(w => !w.Write))),
            ("shared window", p => p.Spec.Domains.Any(d => d.Windows.Any(w => w.Shared))),
            ("VTD3008 warning", p => p.Result.Diagnostics.Any(d => d.Id == "VTD3008")),
            ("host memory reached from two domains without VTD3008", p => !p.Result.Diagnostics.Any(d => d.Id == "VTD3008") && SharesHostMemory(p)),
            ("device behind a bridge (via)", p => p.Spec.Devices.Any(d => d.Via is not null)),
            ("ats device", p => p.Spec.Devices.Any(d => d.Ats)),
            ("anonymous device", p => p.Spec.Devices.Any(d => d.Name is null)),
            ("interrupt of a via device", p => p.Spec.Interrupts.Any(i => p.Spec.Devices[i.Device].Via is not null)),
            ("explicit interrupt index", p => p.Spec.Interrupts.Any(i => i.Index is not null)),
            ("unit without interrupt remapping", p => p.Spec.Units.Any(u => u.Interrupts == 0)),
            ("unit without superpages", p => p.Spec.Units.Any(u => !u.Superpage2M && !u.Superpage1G)),
            ("guest-address-width narrower than its domain in use", p => GuestWidths(p).Any(g => g.Width < g.DomainWidth)),
            ("guest-address-width below 2^32 in use", p => GuestWidths(p).Any(g => g.Width < g.DomainWidth && g.Width < 32)),
            ("guest-address-width not narrower than its domain in use", p => GuestWidths(p).Any(g => g.Width >= g.DomainWidth)),
            ("narrow guest-address-width on a domain of two units", p => GuestWidths(p).Any(g => g.Width < g.DomainWidth && g.Units > 1)),
            ("scalable-mode unit", p => p.Spec.Units.Any(u => u.Scalable)),
            ("scalable-mode unit with pasid-bits below 13", p => p.Spec.Units.Any(u => u.Scalable && u.PasidBits < 13)),
            ("PASID bound to a domain", p => PasidDomains(p).Any()),
            ("PASID bound to a pass-through domain", p => PasidDomains(p).Any(d => d.Domain.IsPassthrough)),
            ("PASID bound to a process", p => p.Spec.Devices.Any(d => d.Pasids.Any(x => x.Process))),
            ("PASID selecting a domain no device is bound to", p => PasidDomains(p).Any(d => !p.Result.Policy!.Devices.Any(x => x.DomainIndex == d.Index))),
            ("guest-address-width narrower than a PASID's domain", p => PasidDomains(p).Any(d => d.Width < d.Domain.AddressWidth)),
            ("guest-address-width below 2^32 under a PASID", p => PasidDomains(p).Any(d => d.Width < d.Domain.AddressWidth && d.Width < 32)),
            ("guest-address-width not narrower than a PASID's domain", p => PasidDomains(p).Any(d => d.Width >= d.Domain.AddressWidth)),
            ("PASID probe faulting 0x04 below its domain's width", p => PasidBeyondGuestWidth(p)),
        };
        foreach (var (name, has) in features)
        {
            int count = policies.Count(has);
            _output.WriteLine($"{count,4} of {policies.Length}: {name}");
            Assert.True(count >= 3, $"only {count} of {policies.Length} generated policies have: {name}");
        }
    }

    /// <summary>Each bound id on a unit with a <c>guest-address-width</c>: that width, its translating domain's width, and how many units serve the domain.</summary>
    private static IEnumerable<(int Width, int DomainWidth, int Units)> GuestWidths(GeneratedPolicy p)
    {
        var policy = p.Result.Policy!;
        foreach (var device in policy.Devices)
        {
            var domain = policy.Domains[device.DomainIndex];
            if (domain.IsPassthrough) continue;
            var units = policy.Devices.Where(other => other.DomainIndex == device.DomainIndex)
                .SelectMany(other => new[] { other.UnitIndex, other.ViaUnitIndex }).Where(u => u >= 0).Distinct().Count();
            foreach (int unit in new[] { device.UnitIndex, device.ViaUnitIndex })
            {
                if (unit >= 0 && policy.Units[unit].GuestAddressWidth > 0) yield return (policy.Units[unit].GuestAddressWidth, domain.AddressWidth, units);
            }
        }
    }

    /// <summary>Each PASID bound to a domain: that domain, its index, and the MGAW of the unit serving the device.</summary>
    private static IEnumerable<(Domain Domain, int Index, int Width)> PasidDomains(GeneratedPolicy p)
    {
        var policy = p.Result.Policy!;
        foreach (var device in policy.Devices)
        {
            foreach (var pasid in device.Pasids.Where(x => x.Kind == PasidTargetKind.Domain))
            {
                yield return (policy.Domains[pasid.TargetIndex], pasid.TargetIndex, policy.Units[device.UnitIndex].EffectiveGuestAddressWidth);
            }
        }
    }

    /// <summary>Whether the oracle answers a probe with a PASID "0x04, second stage" below the selected domain's own width (the MGAW at work).</summary>
    private static bool PasidBeyondGuestWidth(GeneratedPolicy p)
    {
        var policy = p.Result.Policy!;
        var oracle = new PolicyOracle(policy);
        return new IsolationProbes(policy, p.Text).Pasid.Any(probe =>
        {
            var answer = oracle.TranslateWithPasid(probe.Source, probe.Pasid, probe.Address, probe.Access);
            return answer.Fault == FaultReason.AddressBeyondWidth && answer.Type == PasidTranslationType.SecondStage
                && probe.Address >> policy.Domains.Single(d => d.Id == answer.DomainId).AddressWidth == 0;
        });
    }

    private static bool SharesHostMemory(GeneratedPolicy p)
    {
        var windows = p.Spec.Domains.SelectMany((d, i) => d.Windows.Select(w => (i, w))).ToArray();
        return windows.Any(a => windows.Any(b => a.i != b.i && a.w.Host <= b.w.HostLast && b.w.Host <= a.w.HostLast));
    }
}
