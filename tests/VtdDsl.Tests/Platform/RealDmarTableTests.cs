using System.Text.RegularExpressions;
using VtdDsl.Compiler;
using VtdDsl.Compiler.Platform;
using VtdDsl.Tests.Cli;

namespace VtdDsl.Tests.Platform;

/// <summary>
/// The firmware DMAR tables of nine real machines (<c>../shared/dmar</c>, never copied into the
/// repository): each imports into a spec the checker accepts, with one iommu per DRHD and one
/// reserved declaration per RMRR naming its devices, counted independently from the bytes.
/// </summary>
public sealed class RealDmarTableTests
{
    private static readonly string Folder = Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "dmar"));

    public static TheoryData<string> Tables() => new()
    {
        "surface_pro_1", "surface_book_2", "dell_precision_m6800", "dell_xps13_9310", "asrock_x99_extreme4",
        "ami_skx_2s", "supermicro_x12_icx", "msi_claw_a1m", "msi_claw8",
    };

    [SkippableTheory]
    [MemberData(nameof(Tables))]
    public void Imports_into_a_spec_the_checker_accepts_with_every_unit_and_reserved_region(string machine)
    {
        string path = Path.Combine(Folder, machine + ".DMAR.bin");
        Skip.IfNot(File.Exists(path), $"the real DMAR tables are not at {Folder} (../shared/dmar from the repository root)");
        byte[] bytes = File.ReadAllBytes(path);

        var result = StarterSpecWriter.Import(new PlatformImportInput(bytes));

        Assert.True(result.Succeeded, result.Error);
        var compiled = VtdCompiler.Compile(machine + ".vtd", result.Spec!);
        Assert.Empty(compiled.Diagnostics.Where(d => d.Severity == Compiler.Diagnostics.DiagnosticSeverity.Error).Select(d => d.ToString()));
        Assert.Equal(DmarBytes.Count(bytes, 0), compiled.Policy!.Units.Count);
        Assert.Equal(Enumerable.Range(0, compiled.Policy.Units.Count).Select(i => "dmar" + i), compiled.Policy.Units.Select(u => u.Name));
        var expected = DmarBytes.RmrrDevices(bytes);
        Assert.Equal(expected.Count, compiled.Policy.Reserved.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], compiled.Policy.Reserved[i].Devices.Select(d => d.Text).ToList());
        }
    }

    [SkippableFact]
    public void Dmesg_capabilities_fill_the_units_matched_by_register_base()
    {
        string path = Path.Combine(Folder, "dell_xps13_9310.DMAR.bin");
        Skip.IfNot(File.Exists(path), $"the real DMAR tables are not at {Folder}");
        // The README's capability registers of this machine, as the kernel logs them.
        string dmesg = "[    0.01] DMAR: dmar0: reg_base_addr fed90000 ver 1:0 cap 1c0000c40660462 ecap 69e2ff0505e\n"
            + "[    0.01] DMAR: dmar1: reg_base_addr fed84000 ver 1:0 cap d2008c40660462 ecap f050da\n"
            + "[    0.01] DMAR: dmar2: reg_base_addr fed86000 ver 1:0 cap d2008c40660462 ecap f050da\n";
        using var run = new CliRun();
        string log = run.File("dmesg.txt", dmesg);
        string output = run.File("out.vtd", "");

        var import = CliRun.Run("import", "--dmar", path, "--dmesg", log, "-o", output);
        var check = CliRun.Run("check", output);

        Assert.Equal(0, import.ExitCode);
        Assert.Equal(0, check.ExitCode);
        string spec = File.ReadAllText(output);
        var compiled = VtdCompiler.Compile(output, spec);
        var dmar0 = compiled.Policy!.Units[0];
        Assert.Equal(Compiler.Model.AddressWidths.Bits48, dmar0.Widths);   // SAGAW 0x4: 4-level tables only
        Assert.Equal(39, dmar0.GuestAddressWidth);                          // MGAW 0x26 + 1
        Assert.Equal(256, dmar0.DomainCount);                               // ND 2
        Assert.True(dmar0.X2Apic);                                          // ECAP.EIM
        Assert.True(dmar0.SupportsPassthrough);                             // ECAP.PT
        Assert.Equal(StarterSpecWriter.InterruptEntries, dmar0.InterruptEntries);
        Assert.Contains("no line for register base fed91000", import.Error);  // dmar3 is not in the log
        Assert.Matches(new Regex(@"iommu dmar3 \{[^}]*capabilities unknown", RegexOptions.Singleline), spec);
    }

    [SkippableFact]
    public void The_PCI_tree_resolves_the_Thunderbolt_sub_hierarchies()
    {
        string path = Path.Combine(Folder, "dell_xps13_9310.DMAR.bin");
        Skip.IfNot(File.Exists(path), $"the real DMAR tables are not at {Folder}");
        // The tree of such a machine: the two Thunderbolt root ports 00:07.0 and 00:07.2 with their bus ranges.
        const string lspci = "-[0000:00]-+-00.0\n           +-02.0\n           +-07.0-[01-2b]--\n           +-07.2-[2c-56]--\n           +-14.0\n           \\-1f.0\n";

        var result = StarterSpecWriter.Import(new PlatformImportInput(File.ReadAllBytes(path)) { Lspci = lspci });

        Assert.Empty(result.Notes);
        var units = VtdCompiler.Compile("xps.vtd", result.Spec!).Policy!.Units;
        Assert.Equal(new[] { "0000:00:07.0", "0000:01:00.0 .. 0000:2b:1f.7" }, units[1].Scope.Select(r => r.First == r.Last ? r.First.ToString() : $"{r.First} .. {r.Last}"));
        Assert.Equal(new[] { "0000:00:07.2", "0000:2c:00.0 .. 0000:56:1f.7" }, units[2].Scope.Select(r => r.First == r.Last ? r.First.ToString() : $"{r.First} .. {r.Last}"));
    }
}

