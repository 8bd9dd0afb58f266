using System.Text.Json;
using System.Threading.Tasks;
using StreamJsonRpc;
using VtdDsl.LanguageServer.Protocol;
using Range = VtdDsl.LanguageServer.Protocol.Range;

namespace VtdDsl.Tests.LanguageServer;

/// <summary>Hover, definition, references, highlights and rename for every kind of name.</summary>
public sealed class NavigationTests
{
    private static TextDocumentPositionParams At(string uri, Position position) => new(new TextDocumentIdentifier(uri), position);

    private static async Task<(LspSession Session, string Uri, string Text)> OpenSpec(string spec)
    {
        string text = RepositoryPaths.ReadText(spec);
        string uri = LspSession.Uri(System.IO.Path.GetFileName(spec));
        var session = await LspSession.OpenedAsync(uri, text);
        await session.DiagnosticsAsync(uri, 1);
        return (session, uri, text);
    }

    private static async Task<string> HoverText(LspSession session, string uri, Position position) =>
        (await session.RequestAsync<Hover?>("textDocument/hover", At(uri, position)))!.Contents.Value;

    [Fact]
    public async Task Hover_on_a_domain_shows_its_id_width_windows_and_devices()
    {
        var (session, uri, text) = await OpenSpec("specs/two-vm.vtd");
        await using var _ = session;

        string automatic = await HoverText(session, uri, LspText.At(text, "domain vm2", into: 8));
        string explicitId = await HoverText(session, uri, LspText.At(text, "-> vm1", into: 4));

        Assert.Contains("**domain** `vm2`", automatic);
        Assert.Contains("id: 3 (automatic)", automatic);
        Assert.Contains("address width: 39-bit (automatic)", automatic);
        Assert.Contains("windows: 2", automatic);
        Assert.Contains("[0x8000_0000, 0x8100_0000) → [0x2_0000_0000, 0x2_0100_0000) (16 MiB) read write shared", automatic);
        Assert.Contains("devices: `nic_vf1`", automatic);
        Assert.Contains("id: 2 (explicit)", explicitId);
        Assert.Contains("devices: `nic_pf`, `old_card`", explicitId);
    }

    [Fact]
    public async Task Hover_on_a_device_shows_source_requester_domain_unit_and_ats()
    {
        var (session, uri, text) = await OpenSpec("specs/two-vm.vtd");
        await using var _ = session;

        string bridged = await HoverText(session, uri, LspText.At(text, "device old_card", into: 9));
        string ats = await HoverText(session, uri, LspText.At(text, "interrupt nic_vf1", into: 12));

        Assert.Contains("source id: `0000:06:01.0`", bridged);
        Assert.Contains("requester id the IOMMU sees: `0000:05:00.0` (via its bridge)", bridged);
        Assert.Contains("domain: `vm1` (id 2)", bridged);
        Assert.Contains("unit: `dmar0`", bridged);
        Assert.Contains("ATS: yes", ats);
        Assert.Contains("vector 0x42 → cpu 3", ats);
    }

    [Fact]
    public async Task Hover_on_a_window_shows_ranges_size_rights_and_the_memory_it_lands_in()
    {
        var (session, uri, text) = await OpenSpec("specs/two-vm.vtd");
        await using var _ = session;

        string window = await HoverText(session, uri, LspText.At(text, "map 0xFE00_0000", into: 1));

        Assert.Contains("**window** of `vm1`", window);
        Assert.Contains("DMA addresses: [0xFE00_0000, 0xFE00_1000)", window);
        Assert.Contains("host addresses: [0xE000_0000, 0xE000_1000)", window);
        Assert.Contains("size: 4 KiB", window);
        Assert.Contains("rights: read", window);
        Assert.Contains("lands in memory: `mmio`", window);
    }

    [Fact]
    public async Task Hover_on_an_interrupt_a_unit_a_region_and_a_number()
    {
        var (session, uri, text) = await OpenSpec("specs/two-vm.vtd");
        await using var _ = session;

        string interrupt = await HoverText(session, uri, LspText.At(text, "vector 0x42", into: 1));
        string unit = await HoverText(session, uri, LspText.At(text, "iommu dmar0", into: 7));
        string region = await HoverText(session, uri, LspText.At(text, "hypervisor 0x", into: 1));
        string number = await HoverText(session, uri, LspText.At(text, "3552MiB", into: 1));

        Assert.Contains("index: 7 (explicit)", interrupt);
        Assert.Contains("vector: 0x42", interrupt);
        Assert.Contains("destination: cpu 3", interrupt);
        Assert.Contains("delivery: fixed, edge triggered", interrupt);
        Assert.Contains("address widths: 39-bit, 48-bit", unit);
        Assert.Contains("domain ids: 256", unit);
        Assert.Contains("interrupt entries: 256", unit);
        Assert.Contains("host range: [0x100_0000, 0x200_0000)", region);
        Assert.Contains("windows reaching into it: none", region);
        Assert.Contains("hex: `0xDE00_0000`", number);
        Assert.Contains("decimal: `3,724,541,952`", number);
        Assert.Contains("as a size: 3552 MiB", number);
    }

    [Fact]
    public async Task Definition_references_and_highlights_follow_the_binder_for_domains_devices_and_processes()
    {
        var (session, uri, text) = await OpenSpec("specs/svm-gpu.vtd");
        await using var _ = session;

        foreach (var (declaration, reference, kind) in new[] { ("domain vm_b", "-> vm_b", "domain"), ("process compute", "process compute;", "process") })
        {
            var use = LspText.At(text, reference, into: reference.IndexOf(' ') + 1);
            var definition = await session.RequestAsync<Location[]>("textDocument/definition", At(uri, use));
            var references = await session.RequestAsync<Location[]>("textDocument/references",
                new ReferenceParams(new TextDocumentIdentifier(uri), use, new ReferenceContext(true)));
            var highlights = await session.RequestAsync<DocumentHighlight[]>("textDocument/documentHighlight", At(uri, use));

            string name = declaration.Split(' ')[1];
            int written = CountWord(text, name);
            Assert.Equal(LspText.At(text, declaration, into: kind.Length + 1), Assert.Single(definition).Range.Start);
            Assert.Equal(written, references.Length);
            Assert.Equal(written, highlights.Length);
            Assert.Single(highlights, h => h.Kind == 3);
        }
    }

    [Fact]
    public async Task Devices_named_by_interrupts_and_memory_protect_and_unit_declarations_navigate()
    {
        var (session, uri, text) = await OpenSpec("specs/two-vm.vtd");
        await using var _ = session;

        var interrupt = LspText.At(text, "interrupt nic_pf", into: 11);
        var definition = await session.RequestAsync<Location[]>("textDocument/definition", At(uri, interrupt));
        Assert.Equal(LspText.At(text, "device nic_pf", into: 7), Assert.Single(definition).Range.Start);

        foreach (var (keyword, name) in new[] { ("memory", "ram_high"), ("protect", "hypervisor"), ("iommu", "dmar0"), ("device", "xhci") })
        {
            var start = LspText.At(text, keyword + " " + name, into: keyword.Length + 1);
            var declared = new Range(start, start with { Character = start.Character + name.Length });
            var position = start with { Character = start.Character + 1 };
            var references = await session.RequestAsync<Location[]>("textDocument/references",
                new ReferenceParams(new TextDocumentIdentifier(uri), position, new ReferenceContext(true)));
            Assert.Equal(declared, Assert.Single(references).Range);
            var own = await session.RequestAsync<Location[]>("textDocument/definition", At(uri, position));
            Assert.Equal(declared, Assert.Single(own).Range);
        }
    }

    [Fact]
    public async Task Rename_changes_the_declaration_and_every_reference_and_the_result_still_binds()
    {
        var (session, uri, text) = await OpenSpec("specs/svm-gpu.vtd");
        await using var _ = session;
        var position = LspText.At(text, "-> vm_b", into: 4);

        var prepared = await session.RequestAsync<PrepareRenameResult?>("textDocument/prepareRename", At(uri, position));
        var edit = await session.RequestAsync<WorkspaceEdit?>("textDocument/rename", new RenameParams(new TextDocumentIdentifier(uri), position, "guest_b"));

        Assert.Equal("vm_b", prepared!.Placeholder);
        var edits = edit!.Changes[uri];
        Assert.Equal(CountWord(text, "vm_b"), edits.Count);
        string renamed = LspText.Apply(text, edits);
        Assert.Equal(0, CountWord(renamed, "vm_b"));
        var before = VtdDsl.Compiler.VtdCompiler.Compile("a.vtd", text);
        var after = VtdDsl.Compiler.VtdCompiler.Compile("a.vtd", renamed);
        Assert.Equal(before.Diagnostics.Select(d => d.Id), after.Diagnostics.Select(d => d.Id));
        Assert.Equal(System.Text.RegularExpressions.Regex.Replace(VtdDsl.Compiler.Writing.PolicyWriter.Write(before.Policy!), @"\bvm_b\b", "guest_b"),
            VtdDsl.Compiler.Writing.PolicyWriter.Write(after.Policy!));
    }

    [Fact]
    public async Task Rename_refuses_keywords_numbers_and_invalid_new_names()
    {
        var (session, uri, text) = await OpenSpec("specs/two-vm.vtd");
        await using var _ = session;

        Assert.Null(await session.RequestAsync<PrepareRenameResult?>("textDocument/prepareRename", At(uri, LspText.At(text, "domain vm1", into: 2))));
        Assert.Null(await session.RequestAsync<PrepareRenameResult?>("textDocument/prepareRename", At(uri, LspText.At(text, "0x41", into: 1))));
        foreach (string bad in new[] { "9lives", "two words", "vm-1", "", "a.b" })
        {
            // StreamJsonRpc surfaces InvalidParams as RemoteMethodNotFoundException.
            var error = await Assert.ThrowsAsync<RemoteMethodNotFoundException>(() => session.RequestAsync<WorkspaceEdit?>("textDocument/rename",
                new RenameParams(new TextDocumentIdentifier(uri), LspText.At(text, "domain vm1", into: 8), bad)));
            Assert.Equal(ErrorCodes.InvalidParams, (int)error.ErrorCode);
            Assert.Contains("not a valid name", error.Message);
        }
    }

    [Fact]
    public async Task An_unresolved_reference_hovers_as_undeclared_and_cannot_be_renamed()
    {
        const string text = "policy A.B;\ndomain vm { map 0x0 size 4KiB -> 0x1000 read; }\ndevice d 00:01.0 -> vn;\n";
        string uri = LspSession.Uri("unresolved.vtd");
        await using var session = await LspSession.OpenedAsync(uri, text);
        var position = LspText.At(text, "vn;", into: 1);

        Assert.Contains("no domain of this name is declared", await HoverText(session, uri, position));
        Assert.Null(await session.RequestAsync<PrepareRenameResult?>("textDocument/prepareRename", At(uri, position)));
        Assert.Empty(await session.RequestAsync<Location[]>("textDocument/definition", At(uri, position)));
    }

    [Fact]
    public async Task Columns_count_utf16_code_units_after_non_ascii_text()
    {
        // 'ü' is one UTF-16 unit, '😀' two: the name after them starts at UTF-16 column 24 (22 code points, 30 UTF-8 bytes).
        const string text = "policy A.B;\ndomain vm { map 0x0 size 4KiB -> 0x1000 read; }\n/* ü 😀 😀 ok */ device nic 00:01.0 -> vm;\ninterrupt nic vector 0x41 -> cpu 0;\n";
        string uri = LspSession.Uri("utf16.vtd");
        await using var session = await LspSession.OpenedAsync(uri, text);
        await session.DiagnosticsAsync(uri, 1);
        int column = "/* ü 😀 😀 ok */ device ".Length;
        Assert.Equal(24, column);

        var definition = await session.RequestAsync<Location[]>("textDocument/definition", At(uri, LspText.At(text, "interrupt nic", into: 10)));
        var hover = await session.RequestAsync<Hover?>("textDocument/hover", At(uri, new Position(2, column + 1)));
        var edit = await session.RequestAsync<WorkspaceEdit?>("textDocument/rename", new RenameParams(new TextDocumentIdentifier(uri), new Position(2, column), "card"));

        Assert.Equal(new Range(new Position(2, column), new Position(2, column + 3)), Assert.Single(definition).Range);
        Assert.Contains("**device** `nic`", hover!.Contents.Value);
        Assert.Equal(new Range(new Position(2, column), new Position(2, column + 3)), hover.Range);
        Assert.Equal(text.Replace("nic", "card"), LspText.Apply(text, edit!.Changes[uri]));

        // An edit after the emoji lands where the client meant it.
        await session.ChangeAsync(uri, 2, new TextDocumentContentChangeEvent(new Range(new Position(2, column), new Position(2, column + 3)), "nnn"));
        var published = await session.DiagnosticsAsync(uri, 2);
        var unknown = Assert.Single(published.Diagnostics);
        Assert.Equal("VTD1003", unknown.Code);
        Assert.Equal(new Position(3, 10), unknown.Range.Start);
    }

    private static int CountWord(string text, string word) =>
        System.Text.RegularExpressions.Regex.Matches(text, $@"(?<![A-Za-z0-9_]){word}(?![A-Za-z0-9_])").Count(m => !InComment(text, m.Index));

    private static bool InComment(string text, int index)
    {
        int lineStart = text.LastIndexOf('\n', index) + 1;
        int comment = text.IndexOf("//", lineStart, index - lineStart, System.StringComparison.Ordinal);
        return comment >= 0;
    }
}
