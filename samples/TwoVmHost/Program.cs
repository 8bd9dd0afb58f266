using System;
using Contoso.Hypervisor;
using VtdDsl;

// TwoVmHost is generated at build time from two-vm.vtd: its methods answer from constant tables.
Console.WriteLine($"Policy {TwoVmHost.PolicyName}");
Console.WriteLine();

var nic = TwoVmHost.Devices.NicPf;                  // 0000:03:00.0, bound to vm1
Show("NIC DMA write into guest RAM", nic, 0x1000, DmaAccess.Write);
Show("NIC reads the doorbell page", nic, 0xFE00_0000, DmaAccess.Read);
Show("NIC writes the read-only doorbell", nic, 0xFE00_0000, DmaAccess.Write);
Show("NIC DMA outside its windows", nic, 0x9000_0000, DmaAccess.Read);
Show("an unbound function on bus 03", new SourceId(0, 0x03, 0x00, 1), 0x1000, DmaAccess.Read);
Show("a device on a bus with no devices", SourceId.Parse("42:00.0"), 0x1000, DmaAccess.Read);
Show("the card behind the bridge (via 05:00.0)", SourceId.Parse("05:00.0"), 0x2000, DmaAccess.Read);

var transfer = TwoVmHost.CheckTransfer(nic, 0x7FFF_F000, 0x2000, DmaAccess.Write);
Console.WriteLine($"{"8 KiB write across the end of guest RAM",-44} {transfer} at 0x{transfer.FaultAddress:x}");
Console.WriteLine();

Console.WriteLine($"{"NIC interrupt, index 0",-44} {TwoVmHost.RemapInterrupt(nic, 0)}");
Console.WriteLine($"{"NIC raises the VF's entry (index 7)",-44} {TwoVmHost.RemapInterrupt(nic, 7)}");
Console.WriteLine($"{"VF interrupt, index 7",-44} {TwoVmHost.RemapInterrupt(TwoVmHost.Devices.NicVf1, 7)}");
Console.WriteLine();

Console.WriteLine($"vm1 has domain id {TwoVmHost.Domains.Vm1}; vm2 has {TwoVmHost.Domains.Vm2}");
Console.WriteLine($"Generic over IVtdPolicy: {Audit<TwoVmHost>(TwoVmHost.Devices.NicVf1)}");

static void Show(string what, SourceId source, ulong address, DmaAccess access) =>
    Console.WriteLine($"{what,-44} {source} 0x{address:x} {access,-5} -> {TwoVmHost.Translate(source, address, access)}");

// Code written once for any policy: static abstract members, no virtual calls, no allocation.
static string Audit<TPolicy>(SourceId device) where TPolicy : IVtdPolicy
{
    int allowed = 0;
    for (ulong page = 0; page < 0x1_0000_0000; page += 0x20_0000)
    {
        if (TPolicy.Translate(device, page, DmaAccess.Write).IsAllowed) allowed++;
    }
    return $"{TPolicy.PolicyName}: {device} may write {allowed} of the 2048 2-MiB pages below 4 GiB";
}
