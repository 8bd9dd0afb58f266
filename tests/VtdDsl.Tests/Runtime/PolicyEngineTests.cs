using System;
using static VtdDsl.Tests.Runtime.Policies;

namespace VtdDsl.Tests.Runtime;

public class PolicyEngineTests
{
    private static readonly ArrayPolicyTables Tables = TwoVm();
    private static readonly SourceId NicPf = SourceId.Parse("03:00.0");     // vm1, domain 2, 39-bit
    private static readonly SourceId NicVf = SourceId.Parse("03:10.1");     // vm2, domain 3, 48-bit, ATS
    private static readonly SourceId Xhci = SourceId.Parse("00:14.0");      // host, domain 1
    private static readonly SourceId Bridge = SourceId.Parse("05:00.0");    // the via id of old_card: vm1
    private static readonly SourceId PassThrough = SourceId.Parse("07:00.0"); // domain 4

    private static DmaTranslation Translate(SourceId source, ulong address, DmaAccess access) =>
        PolicyEngine.Translate(Tables, source, address, access);

    private static DmaTranslation Check(SourceId source, ulong address, ulong length, DmaAccess access) =>
        PolicyEngine.CheckTransfer(Tables, source, address, length, access);

    [Fact]
    public void Allowed_request_gets_host_address_and_domain()
    {
        var result = Translate(NicPf, 0x1000, DmaAccess.Read);
        Assert.Equal(DmaTranslation.Allowed(0x1000, 0x1_0000_1000, 2), result);
        Assert.Equal("allowed 0x100001000 domain 2", result.ToString());
        Assert.Equal(DmaTranslation.Allowed(0x1234, 0x1_0000_1234, 2), Translate(Bridge, 0x1234, DmaAccess.ReadWrite));
    }

    [Fact]
    public void Bus_without_devices_faults_root_entry_not_present()
    {
        Assert.Equal(DmaTranslation.Faulted(0x1000, FaultReason.RootEntryNotPresent), Translate(SourceId.Parse("04:00.0"), 0x1000, DmaAccess.Read));
        Assert.Equal(FaultReason.RootEntryNotPresent, Translate(SourceId.Parse("0001:03:00.0"), 0x1000, DmaAccess.Read).Fault); // no unit
        Assert.Equal("fault 0x01 RootEntryNotPresent", Translate(SourceId.Parse("04:00.0"), 0, DmaAccess.Read).ToString());
    }

    [Fact]
    public void Unbound_function_on_a_used_bus_faults_context_entry_not_present()
    {
        var result = Translate(SourceId.Parse("03:00.1"), 0x1000, DmaAccess.Write);
        Assert.Equal(DmaTranslation.Faulted(0x1000, FaultReason.ContextEntryNotPresent), result);
        Assert.Equal((ushort)0, result.DomainId);
    }

    [Fact]
    public void Window_boundaries()
    {
        Assert.Equal(0x1_0000_0000UL, Translate(NicPf, 0, DmaAccess.ReadWrite).HostAddress);
        Assert.Equal(0x1_7FFF_FFFFUL, Translate(NicPf, 0x7FFF_FFFF, DmaAccess.ReadWrite).HostAddress);
        Assert.Equal(DmaTranslation.Faulted(0x8000_0000, FaultReason.ReadDenied, 2), Translate(NicPf, 0x8000_0000, DmaAccess.Read));
        Assert.Equal(DmaTranslation.Faulted(0x8000_0000, FaultReason.WriteDenied, 2), Translate(NicPf, 0x8000_0000, DmaAccess.Write));
        Assert.Equal(FaultReason.ReadDenied, Translate(NicPf, 0xFDFF_FFFF, DmaAccess.Read).Fault);
        Assert.Equal(0xE000_0FFFUL, Translate(NicPf, 0xFE00_0FFF, DmaAccess.Read).HostAddress);
        Assert.Equal(FaultReason.ReadDenied, Translate(NicPf, 0xFE00_1000, DmaAccess.Read).Fault);
    }

    [Fact]
    public void Missing_right_faults_write_first()
    {
        Assert.Equal(FaultReason.WriteDenied, Translate(NicPf, 0xFE00_0000, DmaAccess.Write).Fault);
        Assert.Equal(FaultReason.WriteDenied, Translate(NicPf, 0xFE00_0000, DmaAccess.ReadWrite).Fault);
        Assert.Equal(FaultReason.ReadDenied, Translate(NicVf, 0x9000_0000, DmaAccess.Read).Fault);     // W-only window
        Assert.Equal(FaultReason.ReadDenied, Translate(NicVf, 0x9000_0000, DmaAccess.ReadWrite).Fault); // write granted, read not
        Assert.True(Translate(NicVf, 0x9000_0FFF, DmaAccess.Write).IsAllowed);
        Assert.Equal(FaultReason.WriteDenied, Translate(NicVf, 0x9000_1000, DmaAccess.ReadWrite).Fault);  // no window
    }

    [Fact]
    public void Address_width_is_checked_before_windows()
    {
        var beyond = Translate(NicPf, 1UL << 39, DmaAccess.Read);
        Assert.Equal(DmaTranslation.Faulted(1UL << 39, FaultReason.AddressBeyondWidth, 2), beyond);
        Assert.Equal("fault 0x04 AddressBeyondWidth", beyond.ToString());
        Assert.Equal(FaultReason.ReadDenied, Translate(NicPf, (1UL << 39) - 1, DmaAccess.Read).Fault);
        Assert.Equal(FaultReason.AddressBeyondWidth, Translate(NicPf, ulong.MaxValue, DmaAccess.Write).Fault);
        // vm2 is 48-bit: 2^39 is inside its width, 2^48 is not
        Assert.Equal(FaultReason.ReadDenied, Translate(NicVf, 1UL << 39, DmaAccess.Read).Fault);
        Assert.Equal(FaultReason.AddressBeyondWidth, Translate(NicVf, 1UL << 48, DmaAccess.Read).Fault);
        // a window ending at the last byte of a 39-bit space
        Assert.Equal((1UL << 39) - 1, Translate(Xhci, (1UL << 39) - 1, DmaAccess.Write).HostAddress);
    }

    [Fact]
    public void Pass_through_domain_allows_every_address()
    {
        Assert.Equal(DmaTranslation.Allowed(0x1234_5678, 0x1234_5678, 4), Translate(PassThrough, 0x1234_5678, DmaAccess.ReadWrite));
        Assert.Equal(DmaTranslation.Allowed(ulong.MaxValue, ulong.MaxValue, 4), Translate(PassThrough, ulong.MaxValue, DmaAccess.Write));
    }

    [Fact]
    public void Ats_context_translates_like_any_other()
    {
        Assert.Equal(DmaTranslation.Allowed(0x10, 0x1_8000_0010, 3), Translate(NicVf, 0x10, DmaAccess.Read));
        Assert.Equal(0x2_0000_0000UL, Translate(NicVf, 0x8000_0000, DmaAccess.Write).HostAddress);
    }

    [Fact]
    public void Identity_window_of_the_host()
    {
        Assert.Equal(0xFF_FFFFUL, Translate(Xhci, 0xFF_FFFF, DmaAccess.Read).HostAddress);
        Assert.Equal(FaultReason.WriteDenied, Translate(Xhci, 0x100_0000, DmaAccess.Write).Fault); // the protected hypervisor
        Assert.Equal(FaultReason.ReadDenied, Translate(Xhci, 0x1FF_FFFF, DmaAccess.Read).Fault);
        Assert.Equal(0x200_0000UL, Translate(Xhci, 0x200_0000, DmaAccess.Read).HostAddress);
    }

    [Fact]
    public void Transfer_across_adjacent_windows_is_allowed()
    {
        // vm2: [0, 2 GiB) then [2 GiB, 2 GiB + 16 MiB): adjacent in DMA space, not in host space
        var result = Check(NicVf, 0x7FFF_F000, 0x2000, DmaAccess.ReadWrite);
        Assert.Equal(DmaTranslation.Allowed(0x7FFF_F000, 0x1_FFFF_F000, 3), result);
        Assert.True(Check(NicVf, 0, 0x8100_0000, DmaAccess.Write).IsAllowed);
    }

    [Fact]
    public void Transfer_reports_the_lowest_faulting_address()
    {
        // gap after vm1's first window
        Assert.Equal(DmaTranslation.Faulted(0x8000_0000, FaultReason.ReadDenied, 2), Check(NicPf, 0x7FFF_F000, 0x2000, DmaAccess.Read));
        Assert.Equal(DmaTranslation.Faulted(0x8000_0000, FaultReason.WriteDenied, 2), Check(NicPf, 0x7FFF_FFFF, ulong.MaxValue, DmaAccess.Write));
        // rights change at an adjacent read-only window
        Assert.Equal(DmaTranslation.Faulted(0x8100_0000, FaultReason.WriteDenied, 3), Check(NicVf, 0x80FF_F000, 0x2000, DmaAccess.ReadWrite));
        Assert.True(Check(NicVf, 0x80FF_F000, 0x2000, DmaAccess.Read).IsAllowed);
        // first byte already faults
        Assert.Equal(DmaTranslation.Faulted(0x8000_0000, FaultReason.ReadDenied, 2), Check(NicPf, 0x8000_0000, 0x10, DmaAccess.Read));
        // a transfer ending exactly at a window's last byte
        Assert.True(Check(NicPf, 0x7FFF_FF00, 0x100, DmaAccess.Read).IsAllowed);
        Assert.False(Check(NicPf, 0x7FFF_FF00, 0x101, DmaAccess.Read).IsAllowed);
    }

    [Fact]
    public void Transfer_beyond_the_width_faults_at_the_width()
    {
        Assert.Equal(DmaTranslation.Faulted(1UL << 39, FaultReason.AddressBeyondWidth, 1), Check(Xhci, (1UL << 39) - 0x1000, 0x2000, DmaAccess.Read));
        Assert.Equal(DmaTranslation.Faulted(1UL << 39, FaultReason.AddressBeyondWidth, 1), Check(Xhci, (1UL << 39) - 0x1000, ulong.MaxValue, DmaAccess.Read));
        Assert.Equal(DmaTranslation.Faulted(1UL << 39, FaultReason.AddressBeyondWidth, 2), Check(NicPf, 1UL << 39, 1, DmaAccess.Read));
    }

    [Fact]
    public void Transfer_past_two_to_the_64_faults_instead_of_wrapping()
    {
        Assert.Equal(DmaTranslation.Faulted(ulong.MaxValue - 0xF, FaultReason.AddressBeyondWidth, 2), Check(NicPf, ulong.MaxValue - 0xF, 0x20, DmaAccess.Read));
        // pass-through allows every byte up to 2^64 − 1 except the interrupt address range; the bytes beyond do not exist
        Assert.Equal(DmaTranslation.Faulted(0x1_0000_1000, FaultReason.AddressBeyondWidth, 4), Check(PassThrough, 0x1_0000_1000, ulong.MaxValue, DmaAccess.Read));
        Assert.Equal(DmaTranslation.Faulted(ulong.MaxValue, FaultReason.AddressBeyondWidth, 4), Check(PassThrough, ulong.MaxValue, 2, DmaAccess.Read));
        // a transfer from below the interrupt address range faults at its first byte (0x0E), the lowest faulting address
        Assert.Equal(DmaTranslation.Faulted(0xFEE0_0000, FaultReason.InterruptAddressRange, 4), Check(PassThrough, 0x1000, ulong.MaxValue, DmaAccess.Read));
        // ending exactly at 2^64 − 1 does not overflow
        Assert.Equal(DmaTranslation.Allowed(0x1_0000_0000, 0x1_0000_0000, 4), Check(PassThrough, 0x1_0000_0000, ulong.MaxValue - 0xFFFF_FFFF, DmaAccess.Read));
        Assert.Equal(DmaTranslation.Allowed(ulong.MaxValue, ulong.MaxValue, 4), Check(PassThrough, ulong.MaxValue, 1, DmaAccess.Write));
    }

    [Fact]
    public void Zero_length_transfer_touches_nothing()
    {
        Assert.Equal(DmaTranslation.Allowed(0x1000, 0x1_0000_1000, 2), Check(NicPf, 0x1000, 0, DmaAccess.Write));
        Assert.Equal(DmaTranslation.Allowed(0x8000_0000, 0, 2), Check(NicPf, 0x8000_0000, 0, DmaAccess.Write));    // no window: allowed, no host address
        Assert.Equal(DmaTranslation.Allowed(ulong.MaxValue, 0, 2), Check(NicPf, ulong.MaxValue, 0, DmaAccess.Read)); // beyond the width
        Assert.Equal(DmaTranslation.Allowed(0x5000, 0x5000, 4), Check(PassThrough, 0x5000, 0, DmaAccess.Read));
        // no domain to answer for: the requester still faults
        Assert.Equal(FaultReason.RootEntryNotPresent, Check(SourceId.Parse("04:00.0"), 0x1000, 0, DmaAccess.Read).Fault);
        Assert.Equal(FaultReason.ContextEntryNotPresent, Check(SourceId.Parse("03:00.1"), 0x1000, 0, DmaAccess.Read).Fault);
    }

    [Fact]
    public void One_byte_transfer_is_a_translation()
    {
        foreach (ulong address in new ulong[] { 0, 0x7FFF_FFFF, 0x8000_0000, 0xFE00_0000, 1UL << 39, ulong.MaxValue })
        {
            foreach (var access in new[] { DmaAccess.Read, DmaAccess.Write, DmaAccess.ReadWrite })
                Assert.Equal(Translate(NicPf, address, access), Check(NicPf, address, 1, access));
        }
    }

    [Fact]
    public void Interrupts_are_remapped_or_fault()
    {
        var remapped = PolicyEngine.RemapInterrupt(Tables, NicPf, 0);
        Assert.Equal(InterruptRemap.Remapped(0x41, 2, DeliveryMode.Fixed, TriggerMode.Edge), remapped);
        Assert.Equal("remapped vector 0x41 cpu 2 fixed edge", remapped.ToString());
        Assert.Equal(InterruptRemap.Remapped(0x42, 3, DeliveryMode.LowestPriority, TriggerMode.Level), PolicyEngine.RemapInterrupt(Tables, NicVf, 7));

        Assert.Equal(FaultReason.InterruptEntryNotPresent, PolicyEngine.RemapInterrupt(Tables, NicPf, 1).Fault);
        Assert.Equal(FaultReason.InterruptEntryNotPresent, PolicyEngine.RemapInterrupt(Tables, NicPf, 255).Fault);
        Assert.Equal(FaultReason.InterruptIndexBeyondTable, PolicyEngine.RemapInterrupt(Tables, NicPf, 256).Fault);
        Assert.Equal(FaultReason.InterruptIndexBeyondTable, PolicyEngine.RemapInterrupt(Tables, NicPf, -1).Fault);
        Assert.Equal(FaultReason.InterruptIndexBeyondTable, PolicyEngine.RemapInterrupt(Tables, NicPf, int.MinValue).Fault);
        var mismatch = PolicyEngine.RemapInterrupt(Tables, NicVf, 0);
        Assert.Equal(InterruptRemap.Faulted(FaultReason.SourceMismatch), mismatch);
        Assert.Equal("fault 0x26 SourceMismatch", mismatch.ToString());
        Assert.Equal(FaultReason.InterruptIndexBeyondTable, PolicyEngine.RemapInterrupt(Tables, SourceId.Parse("0001:03:00.0"), 0).Fault); // no unit
    }

    [Fact]
    public void Unit_without_interrupt_remapping_faults_every_index()
    {
        var tables = TwoUnits();
        Assert.Equal(FaultReason.InterruptIndexBeyondTable, PolicyEngine.RemapInterrupt(tables, SourceId.Parse("80:02.0"), 0).Fault);
        Assert.Equal(InterruptRemap.Remapped(0x50, 0, DeliveryMode.Fixed, TriggerMode.Edge), PolicyEngine.RemapInterrupt(tables, SourceId.Parse("00:01.0"), 63));
        Assert.Equal(InterruptRemap.Remapped(0xFE, 0xFFFF_FFFF, DeliveryMode.Fixed, TriggerMode.Level), PolicyEngine.RemapInterrupt(tables, SourceId.Parse("0001:00:03.0"), 1));
    }

    [Fact]
    public void Scope_ranges_route_to_units()
    {
        var tables = TwoUnits();
        Assert.Equal(0, PolicyEngine.FindUnit(tables, SourceId.Parse("7f:1f.7").Value));
        Assert.Equal(1, PolicyEngine.FindUnit(tables, SourceId.Parse("80:00.0").Value));
        Assert.Equal(2, PolicyEngine.FindUnit(tables, SourceId.Parse("0001:ff:1f.7").Value));
        Assert.Equal(-1, PolicyEngine.FindUnit(tables, SourceId.Parse("0002:00:00.0").Value));
        Assert.Equal(DmaTranslation.Allowed(0x1000, 0x9000_0000, 10), PolicyEngine.Translate(tables, SourceId.Parse("80:02.0"), 0x1000, DmaAccess.Read));
        Assert.Equal(DmaTranslation.Allowed(0x1000, 0x9000_0000, 10), PolicyEngine.Translate(tables, SourceId.Parse("0001:40:00.0"), 0x1000, DmaAccess.Read));
    }

    [Fact]
    public void Empty_policy_faults_everything()
    {
        var empty = default(ArrayPolicyTables);
        Assert.Equal(FaultReason.RootEntryNotPresent, PolicyEngine.Translate(empty, NicPf, 0, DmaAccess.Read).Fault);
        Assert.Equal(FaultReason.RootEntryNotPresent, PolicyEngine.CheckTransfer(empty, NicPf, 0, 10, DmaAccess.Read).Fault);
        Assert.Equal(FaultReason.InterruptIndexBeyondTable, PolicyEngine.RemapInterrupt(empty, NicPf, 0).Fault);
    }

    [Fact]
    public void Requests_allocate_nothing()
    {
        var tables = Tables;
        long bytes = Infrastructure.Allocations.PerRun(() =>
        {
            ulong sink = 0;
            for (int i = 0; i < 1_000_000; i++) sink += Run(tables, i);
            return sink;
        });
        Assert.Equal(0, bytes);

        static ulong Run(in ArrayPolicyTables tables, int i)
        {
            ulong address = (ulong)i * 0x1_0000;
            return PolicyEngine.Translate(tables, NicVf, address, DmaAccess.Read).HostAddress
                + PolicyEngine.Translate(tables, NicPf, address, DmaAccess.Write).HostAddress
                + PolicyEngine.CheckTransfer(tables, NicVf, address, 0x9000, DmaAccess.ReadWrite).HostAddress
                + (ulong)PolicyEngine.RemapInterrupt(tables, NicVf, i & 7).Vector;
        }
    }
}
