using VtdDsl.Compiler;
using VtdDsl.Compiler.Analysis.Diff;
using VtdDsl.Compiler.Reports;

namespace VtdDsl.Tests.Cli;

public sealed class DiffCommandTests
{
    /// <summary>A small policy every case edits: two guests, a protected region, one interrupt.</summary>
    private const string Base = """
        policy Tests.Diff.Host;

        iommu dmar0 {
            address-width 39, 48;
            domains 256;
            interrupts 256;
        }

        protect hypervisor 0x100_0000 size 16MiB;

        domain vm1 {
            id 2;
            map 0x0 size 1GiB -> 0x1_0000_0000 read write;
            map 0x8000_0000 size 4KiB -> 0x3_0000_0000 read;
        }

        domain vm2 {
            id 3;
            map 0x0 size 1GiB -> 0x2_0000_0000 read write;
        }

        device nic1 03:00.0 -> vm1;
        device nic2 03:00.1 -> vm2;

        interrupt nic1 vector 0x41 -> cpu 2;
        """;

    private static string Edit(string oldText, string newText)
    {
        Assert.Contains(oldText, Base);
        return Base.Replace(oldText, newText);
    }

    private static (CliRun.Result Run, PolicyChange[] Changes) Diff(string before, string after)
    {
        using var files = new CliRun();
        string oldPath = files.File("old.vtd", before);
        string newPath = files.File("new.vtd", after);
        var run = CliRun.Run("diff", oldPath, newPath);
        var oldResult = VtdCompiler.Compile(oldPath, before);
        var newResult = VtdCompiler.Compile(newPath, after);
        var changes = oldResult.HasErrors || newResult.HasErrors ? Array.Empty<PolicyChange>() : PolicyDiff.Compare(oldResult, newResult).ToArray();
        return (run, changes);
    }

    private static PolicyChange Single(PolicyChange[] changes, ChangeKind kind)
    {
        var matching = changes.Where(change => change.Kind == kind).ToArray();
        Assert.True(matching.Length == 1, $"expected one {kind} in:\n{string.Join("\n", changes.Select(c => $"{c.Kind} {c.Impact} {c}"))}");
        return matching[0];
    }

    [Fact]
    public void Same_file_has_no_change_in_meaning()
    {
        var (run, changes) = Diff(Base, Base);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("No change in meaning.", run.Out);
        Assert.Empty(changes);
    }

    /// <summary>An edit of the base policy that is one change: its kind, its impact, and its line in the report.</summary>
    [Theory]
    [InlineData("device nic2 03:00.1 -> vm2;\n", "",
        ChangeKind.DeviceRemoved, ChangeImpact.LessAccess, "- device 0000:03:00.1 nic2: removed (was in domain vm2 (id 3))")]
    [InlineData("    map 0x8000_0000 size 4KiB -> 0x3_0000_0000 read;\n", "",
        ChangeKind.WindowRemoved, ChangeImpact.LessAccess, "- domain vm1 (id 2): window removed: DMA [0x8000_0000, 0x8000_1000) -> host [0x3_0000_0000, 0x3_0000_1000) (4 KiB, read)")]
    [InlineData("map 0x0 size 1GiB -> 0x2_0000_0000 read write;", "map 0x0 size 2GiB -> 0x2_0000_0000 read write;",
        ChangeKind.WindowWidened, ChangeImpact.GainsWrite, "window widened from DMA [0x0, 0x4000_0000) (1 GiB) to DMA [0x0, 0x8000_0000)")]
    [InlineData("map 0x0 size 1GiB -> 0x2_0000_0000 read write;", "map 0x0 size 512MiB -> 0x2_0000_0000 read write;",
        ChangeKind.WindowNarrowed, ChangeImpact.LessAccess, "- domain vm2 (id 3): window narrowed")]
    [InlineData("id 3;", "id 9;",
        ChangeKind.DomainIdChanged, ChangeImpact.Changed, "~ domain vm2 (id 9): domain id changed from 3 to 9")]
    public void One_edit_is_one_change_of_its_kind_with_its_impact(string oldText, string newText, ChangeKind kind, ChangeImpact impact, string reportLine)
    {
        var (run, changes) = Diff(Base, Edit(oldText, newText));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(impact, Single(changes, kind).Impact);
        Assert.Contains(reportLine, run.Out);
    }

    [Fact]
    public void Device_added_to_a_domain_with_write_gains_write()
    {
        var (run, changes) = Diff(Base, Base + "\ndevice nic3 03:00.2 -> vm2;\n");
        Assert.Equal(1, run.ExitCode);
        var change = Single(changes, ChangeKind.DeviceAdded);
        Assert.Equal(ChangeImpact.GainsWrite, change.Impact);
        Assert.Contains("! device 0000:03:00.2 nic3: added to domain vm2 (id 3)", run.Out);
        Assert.Contains("GAINS WRITE", run.Out);
    }

    [Fact]
    public void Device_moved_between_domains_is_reported_with_both_domains_and_gains_write()
    {
        var (run, changes) = Diff(Base, Edit("device nic2 03:00.1 -> vm2;", "device nic2 03:00.1 -> vm1;"));
        Assert.Equal(1, run.ExitCode);
        var moved = Single(changes, ChangeKind.DeviceMoved);
        Assert.Equal(ChangeImpact.GainsWrite, moved.Impact);
        Assert.Contains("device 0000:03:00.1 nic2: moved from domain vm2 (id 3) to domain vm1 (id 2)", run.Out);
        // vm2 keeps its id and windows: it is the same domain, now without devices (a new warning).
        Assert.DoesNotContain(changes, c => c.Kind is ChangeKind.DomainRemoved or ChangeKind.DomainAdded);
        Assert.Contains(changes, c => c.Kind == ChangeKind.WarningAdded && c.Subject.StartsWith("VTD2007"));
    }

    [Fact]
    public void Window_added_with_write_gains_write()
    {
        var (run, changes) = Diff(Base, Edit("map 0x0 size 1GiB -> 0x2_0000_0000 read write;",
            "map 0x0 size 1GiB -> 0x2_0000_0000 read write;\n    map 0x4000_0000 size 2MiB -> 0x4_0000_0000 read write;"));
        Assert.Equal(1, run.ExitCode);
        var added = Single(changes, ChangeKind.WindowAdded);
        Assert.Equal(ChangeImpact.GainsWrite, added.Impact);
        Assert.Contains("! domain vm2 (id 3): window added: DMA [0x4000_0000, 0x4020_0000) -> host [0x4_0000_0000, 0x4_0020_0000) (2 MiB, read write) — GAINS WRITE", run.Out);
        Assert.Contains("!! GAINS WRITE", run.Out);
    }

    [Fact]
    public void Window_retargeted_to_other_host_memory_gains_write()
    {
        var (run, changes) = Diff(Base, Edit("map 0x0 size 1GiB -> 0x2_0000_0000 read write;", "map 0x0 size 1GiB -> 0x5_0000_0000 read write;"));
        Assert.Equal(1, run.ExitCode);
        var retargeted = Single(changes, ChangeKind.WindowRetargeted);
        Assert.Equal(ChangeImpact.GainsWrite, retargeted.Impact);
        Assert.Contains("now reaches host [0x5_0000_0000, 0x5_4000_0000) (was host [0x2_0000_0000, 0x2_4000_0000))", run.Out);
        Assert.DoesNotContain(changes, c => c.Kind is ChangeKind.WindowAdded or ChangeKind.WindowRemoved);
    }

    [Fact]
    public void Rights_gaining_write_are_flagged_prominently()
    {
        var (run, changes) = Diff(Base, Edit("map 0x8000_0000 size 4KiB -> 0x3_0000_0000 read;", "map 0x8000_0000 size 4KiB -> 0x3_0000_0000 read write;"));
        Assert.Equal(1, run.ExitCode);
        var rights = Single(changes, ChangeKind.WindowRightsChanged);
        Assert.Equal(ChangeImpact.GainsWrite, rights.Impact);
        Assert.Contains("1 GAINS WRITE", run.Out);
        Assert.Contains("! domain vm1 (id 2): window DMA [0x8000_0000, 0x8000_1000) -> host [0x3_0000_0000, 0x3_0000_1000): rights changed from read to read write — GAINS WRITE", run.Out);
    }

    [Fact]
    public void Rights_losing_write_are_less_access()
    {
        var (run, changes) = Diff(Base, Edit("map 0x0 size 1GiB -> 0x2_0000_0000 read write;", "map 0x0 size 1GiB -> 0x2_0000_0000 read;"));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(ChangeImpact.LessAccess, Single(changes, ChangeKind.WindowRightsChanged).Impact);
        Assert.DoesNotContain("GAINS WRITE", run.Out);
    }

    [Fact]
    public void Address_width_changed()
    {
        var (run, changes) = Diff(Base, Edit("    id 3;\n", "    id 3;\n    address-width 48;\n"));
        Assert.Equal(1, run.ExitCode);
        Single(changes, ChangeKind.DomainWidthChanged);
        Assert.Contains("address width changed from 39-bit to 48-bit (3 to 4 table levels)", run.Out);
    }

    [Fact]
    public void Protected_memory_changed()
    {
        var (run, changes) = Diff(Base, Edit("protect hypervisor 0x100_0000 size 16MiB;", "protect hypervisor 0x100_0000 size 8MiB;\nprotect firmware 0x7000_0000 size 1MiB;"));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(ChangeImpact.MoreAccess, Single(changes, ChangeKind.ProtectedChanged).Impact);
        Assert.Equal(ChangeImpact.LessAccess, Single(changes, ChangeKind.ProtectedAdded).Impact);
        Assert.Contains("protected memory hypervisor: changed from host [0x100_0000, 0x200_0000) (16 MiB) to [0x100_0000, 0x180_0000) (8 MiB)", run.Out);
        Assert.Contains("protected memory firmware: added: host [0x7000_0000, 0x7010_0000) (1 MiB)", run.Out);
    }

    [Fact]
    public void Interrupt_changed_added_and_removed()
    {
        var (run, changes) = Diff(Base, Edit("interrupt nic1 vector 0x41 -> cpu 2;", "interrupt nic1 vector 0x42 -> cpu 3 { mode lowest-priority; trigger level; }"));
        Assert.Equal(1, run.ExitCode);
        var change = Single(changes, ChangeKind.InterruptChanged);
        Assert.Equal("vector 0x41 -> 0x42, cpu 2 -> 3, mode fixed -> lowest-priority, trigger edge -> level", change.Detail);

        var (added, addedChanges) = Diff(Base, Base + "\ninterrupt nic2 vector 0x50 -> cpu 4 { index 9; }\n");
        Assert.Equal(1, added.ExitCode);
        Assert.Contains("+ interrupt dmar0[9] of nic2: added: vector 0x50 cpu 4 fixed edge, accepted from 0000:03:00.1", added.Out);
        Single(addedChanges, ChangeKind.InterruptAdded);

        var (removed, removedChanges) = Diff(Base, Edit("interrupt nic1 vector 0x41 -> cpu 2;", ""));
        Assert.Equal(1, removed.ExitCode);
        Single(removedChanges, ChangeKind.InterruptRemoved);
    }

    [Fact]
    public void Interrupt_index_changed()
    {
        var (run, changes) = Diff(Base, Edit("interrupt nic1 vector 0x41 -> cpu 2;", "interrupt nic1 vector 0x41 -> cpu 2 { index 5; }"));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("table entry dmar0[0] -> dmar0[5]", Single(changes, ChangeKind.InterruptChanged).Detail);
    }

    [Fact]
    public void New_warning_is_reported_with_its_id_and_message()
    {
        // vm2 gains a window onto vm1's RAM: host memory two domains may write, not marked shared.
        var (run, changes) = Diff(Base, Edit("map 0x0 size 1GiB -> 0x2_0000_0000 read write;",
            "map 0x0 size 1GiB -> 0x2_0000_0000 read write;\n    map 0x4000_0000 size 2MiB -> 0x1_0000_0000 read write;"));
        Assert.Equal(1, run.ExitCode);
        var warning = Single(changes, ChangeKind.WarningAdded);
        Assert.StartsWith("VTD3008", warning.Subject);
        Assert.Contains("New warnings", run.Out);
        Assert.Contains("new warning: Host [0x100000000, 0x100200000) is reachable from domains 'vm1' and 'vm2' with write access, and not both windows say 'shared' (the other window is at line", run.Out);
        // It writes memory vm2 could not write before.
        Assert.Equal(ChangeImpact.GainsWrite, Single(changes, ChangeKind.WindowAdded).Impact);
    }

    [Fact]
    public void Unit_capability_changes_are_reported()
    {
        var (run, changes) = Diff(Base, Edit("interrupts 256;", "interrupts 512;\n    superpages none;"));
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(2, changes.Count(c => c.Kind == ChangeKind.UnitCapabilityChanged));
        Assert.Contains("~ unit dmar0: interrupt entries changed from 256 to 512", run.Out);
        Assert.Contains("~ unit dmar0: superpages changed from 2 MiB, 1 GiB to none", run.Out);
    }

    [Fact]
    public void Becoming_pass_through_gains_write_to_everything()
    {
        const string before = "policy T.P;\ndomain host { id 1; identity 0x0 size 1GiB read write; }\ndevice d 00:14.0 -> host;\n";
        const string after = "policy T.P;\ndomain host passthrough;\ndevice d 00:14.0 -> host;\n";
        var (run, changes) = Diff(before, after);
        Assert.Equal(1, run.ExitCode);
        Assert.Equal(ChangeImpact.GainsWrite, Single(changes, ChangeKind.DomainBecamePassthrough).Impact);
        Assert.Contains("became pass-through", run.Out);
    }

    [Fact]
    public void Pure_rename_and_reorder_is_no_change_in_access()
    {
        // Domains have explicit ids (automatic ids follow declaration order, so reordering those
        // would change meaning); windows, devices and declarations are reordered, names changed.
        const string after = """
            policy Tests.Diff.Host;

            device port_b 03:00.1 -> guest_b;
            device port_a 03:00.0 -> guest_a;

            domain guest_b {
                map 0x0 size 1GiB -> 0x2_0000_0000 read write;
                id 3;
            }

            interrupt port_a vector 0x41 -> cpu 2;

            domain guest_a {
                map 0x8000_0000 size 4KiB -> 0x3_0000_0000 read;
                map 0x0 size 512MiB -> 0x1_0000_0000 read write;        // one window split in two:
                map 0x2000_0000 size 512MiB -> 0x1_2000_0000 read write; // the same translation
                id 2;
            }

            protect hv 0x100_0000 size 16MiB;

            iommu dmar0 {
                interrupts 256;
                domains 256;
                address-width 48, 39;
            }
            """;
        var (run, changes) = Diff(Base, after);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("No change in meaning.", run.Out);
        Assert.All(changes, change => Assert.Equal(ChangeImpact.Cosmetic, change.Impact));
        Assert.Contains(changes, c => c.Kind == ChangeKind.DomainRenamed && c.Detail == "renamed from vm1");
        Assert.Contains(changes, c => c.Kind == ChangeKind.DeviceRenamed);
        Assert.Contains("Cosmetic (same meaning, no change in access)", run.Out);
        Assert.DoesNotContain("GAINS WRITE", run.Out);
    }

    [Fact]
    public void Renaming_domains_named_in_warnings_is_still_no_change_in_meaning()
    {
        string before = RepositoryPaths.ReadText("specs/multi-unit-server.vtd");
        string after = before.Replace("vm_db", "database");
        var (run, changes) = Diff(before, after);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains(changes, c => c.Kind == ChangeKind.WarningReworded);
    }

    [Fact]
    public void Domains_are_matched_by_their_devices_not_their_names()
    {
        // The names vm1 and vm2 are swapped, along with everything else: same meaning.
        string swapped = Base.Replace("vm1", "tmp").Replace("vm2", "vm1").Replace("tmp", "vm2");
        var (run, changes) = Diff(Base, swapped);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal(2, changes.Count(c => c.Kind == ChangeKind.DomainRenamed));
    }

    [Fact]
    public void An_invalid_input_exits_2_with_its_diagnostics_on_stderr()
    {
        using var files = new CliRun();
        string good = files.File("good.vtd", Base);
        string bad = files.File("bad.vtd", Edit("id 3;", "id 2;"));
        var run = CliRun.Run("diff", good, bad);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Contains("error VTD2001:", run.Error);
        Assert.Contains("bad.vtd", run.Error);

        var reversed = CliRun.Run("diff", bad, good);
        Assert.Equal(2, reversed.ExitCode);
        Assert.Contains("error VTD2001:", reversed.Error);
    }

    [Fact]
    public void Pasid_lines_and_processes_added_removed_and_retargeted_are_reported()
    {
        string before = RepositoryPaths.ReadText("specs/svm-gpu.vtd");
        Assert.Contains("pasid 0x100 -> vm_a;", before);
        Assert.Contains("\nprocess compute;", before);
        string after = before
            .Replace("pasid 0x100 -> vm_a;", "pasid 0x100 -> vm_b; pasid 0x200 -> vm_a;")
            .Replace("\nprocess compute;", "\nprocess compute;\nprocess video;")
            .Replace("pasid 2 -> process compute;", "pasid 2 -> process compute; pasid 3 -> process video;");

        var (run, changes) = Diff(before, after);

        Assert.Equal(1, run.ExitCode);
        var retargeted = Single(changes, ChangeKind.PasidRetargeted);
        Assert.Contains("PASID 0x100 now selects domain vm_b", retargeted.ToString());
        Assert.Equal(ChangeImpact.GainsWrite, retargeted.Impact); // vm_b's RAM was not writable through PASID 0x100
        Assert.Equal(3, changes.Count(c => c.Kind == ChangeKind.PasidAdded)); // 0x200 on the gpu, 3 on the gpu and the dsa
        Assert.Equal(ChangeImpact.GainsWrite, changes.Single(c => c.Kind == ChangeKind.PasidAdded && c.ToString().Contains("0x200")).Impact);
        Assert.Contains("added", Single(changes, ChangeKind.ProcessAdded).ToString());
    }
}
