using System.Threading.Tasks;
using VtdDsl.Compiler;
using VtdDsl.Compiler.Formatting;
using VtdDsl.LanguageServer.Protocol;
using Range = VtdDsl.LanguageServer.Protocol.Range;

namespace VtdDsl.Tests.LanguageServer;

/// <summary>Outline, completion, formatting, quick fixes, folding and semantic tokens.</summary>
public sealed class EditingTests
{
    private static async Task<(LspSession Session, string Uri)> Open(string text, string name)
    {
        string uri = LspSession.Uri(name);
        var session = await LspSession.OpenedAsync(uri, text);
        await session.DiagnosticsAsync(uri, 1);
        return (session, uri);
    }

    private static Task<CompletionList> Complete(LspSession session, string uri, Position position) =>
        session.RequestAsync<CompletionList>("textDocument/completion", new CompletionParams(new TextDocumentIdentifier(uri), position));

    [Fact]
    public async Task The_outline_lists_units_memory_protected_ranges_processes_domains_with_windows_devices_and_interrupts()
    {
        string text = RepositoryPaths.ReadText("specs/svm-gpu.vtd");
        var (session, uri) = await Open(text, "outline.vtd");
        await using var _ = session;

        var symbols = await session.RequestAsync<DocumentSymbol[]>("textDocument/documentSymbol", new DocumentParams(new TextDocumentIdentifier(uri)));

        var policy = VtdCompiler.Compile("svm-gpu.vtd", text).Policy!;
        Assert.Equal(policy.Units.Count(u => !u.IsImplicit), symbols.Count(s => s.Kind == SymbolKinds.Module));
        Assert.Equal(policy.Memory.Count, symbols.Count(s => s.Kind == SymbolKinds.Variable));
        Assert.Equal(policy.Protected.Count, symbols.Count(s => s.Kind == SymbolKinds.Constant));
        Assert.Equal(policy.Processes.Select(p => p.Name), symbols.Where(s => s.Kind == SymbolKinds.Object).Select(s => s.Name));
        Assert.Equal(policy.Domains.Select(d => d.Name), symbols.Where(s => s.Kind == SymbolKinds.Namespace).Select(s => s.Name));
        Assert.Equal(policy.Domains.Select(d => d.Windows.Count), symbols.Where(s => s.Kind == SymbolKinds.Namespace).Select(s => s.Children!.Count));
        Assert.Equal(policy.Devices.Select(d => d.DisplayName), symbols.Where(s => s.Kind == SymbolKinds.Class).Select(s => s.Name));
        Assert.Equal(policy.Interrupts.Count, symbols.Count(s => s.Kind == SymbolKinds.Event));
        var unit = symbols.First(s => s.Kind == SymbolKinds.Module);
        Assert.True(unit.Range.End.Line > unit.Range.Start.Line, "a unit's range covers its block");
        Assert.Equal(symbols.OrderBy(s => s.Range.Start.Line).Select(s => s.Name), symbols.Select(s => s.Name));
    }

    [Fact]
    public async Task Completion_offers_the_keywords_valid_at_the_caret_and_snippets_where_a_declaration_starts()
    {
        const string text = "policy A.B;\n\ndomain vm {\n    \n}\n";
        var (session, uri) = await Open(text, "complete-keywords.vtd");
        await using var _ = session;

        var top = await Complete(session, uri, new Position(1, 0));
        var inDomain = await Complete(session, uri, new Position(3, 4));

        var topKeywords = top.Items.Where(i => i.Kind == CompletionItemKinds.Keyword).Select(i => i.Label).ToHashSet();
        Assert.Superset(new[] { "domain", "device", "iommu", "memory", "protect", "process", "interrupt", "policy" }.ToHashSet(), topKeywords);
        Assert.DoesNotContain("map", topKeywords);
        Assert.Contains(top.Items, i => i.Kind == CompletionItemKinds.Snippet && i.Label == "domain" && i.InsertTextFormat == CompletionItemKinds.SnippetFormat && i.InsertText!.Contains("${1:"));
        var domainKeywords = inDomain.Items.Select(i => i.Label).ToHashSet();
        Assert.Superset(new[] { "id", "address-width", "map", "identity", "passthrough" }.ToHashSet(), domainKeywords);
        Assert.DoesNotContain("device", domainKeywords);
        Assert.DoesNotContain(inDomain.Items, i => i.Kind == CompletionItemKinds.Snippet);
    }

    [Fact]
    public async Task Completion_offers_names_of_the_kind_the_reference_takes()
    {
        const string text = """
            policy A.B;
            iommu u { mode scalable; }
            process render;
            domain vm1 { map 0x0 size 4KiB -> 0x1000 read; }
            domain vm2 { map 0x0 size 4KiB -> 0x2000 read; }
            device gpu 00:02.0 -> vm1 { ats; pri; pasid 1 -> process render; pasid 2 -> vm2; }
            device nic 00:03.0 -> 
            """;
        var (session, uri) = await Open(text + "\n", "complete-names.vtd");
        await using var _ = session;

        var afterArrow = await Complete(session, uri, LspText.At(text, "00:03.0 -> ", into: 11));
        var afterPasid = await Complete(session, uri, LspText.At(text, "pasid 2 -> ", into: 11));
        var afterProcess = await Complete(session, uri, LspText.At(text, "-> process ", into: 11));
        var afterVia = await Complete(session, uri, LspText.At(text, "device nic 00:03.0", into: 19));

        string[] Names(CompletionList list) => list.Items.Where(i => i.Kind == CompletionItemKinds.Reference).Select(i => i.Label).ToArray();
        Assert.Equal(new[] { "vm1", "vm2" }, Names(afterArrow));
        Assert.Equal(new[] { "vm1", "vm2" }, Names(afterPasid));
        Assert.Contains(afterPasid.Items, i => i.Label == "process" && i.Kind == CompletionItemKinds.Keyword);
        Assert.Equal(new[] { "render" }, Names(afterProcess));
        Assert.Contains(afterVia.Items, i => i.Label == "via" && i.Kind == CompletionItemKinds.Keyword);
    }

    [Fact]
    public async Task Completion_after_interrupt_and_via_offers_devices_and_their_source_ids()
    {
        const string text = "policy A.B;\ndomain vm { map 0x0 size 4KiB -> 0x1000 read; }\ndevice bridge 00:1e.0 -> vm;\ndevice nic 03:00.0 -> vm;\ninterrupt \n";
        var (session, uri) = await Open(text, "complete-devices.vtd");
        await using var _ = session;

        var afterInterrupt = await Complete(session, uri, new Position(4, 10));
        Assert.Equal(new[] { "bridge", "nic" }, afterInterrupt.Items.Where(i => i.Kind == CompletionItemKinds.Reference).Select(i => i.Label));

        await session.ChangeAsync(uri, 2, new TextDocumentContentChangeEvent(new Range(new Position(4, 0), new Position(4, 10)), "device card 06:01.0 via "));
        await session.DiagnosticsAsync(uri, 2);
        var afterVia = await Complete(session, uri, new Position(4, 24));
        Assert.Equal(new[] { "00:1e.0", "03:00.0" }, afterVia.Items.Where(i => i.Kind == CompletionItemKinds.Value).Select(i => i.Label));
    }

    [Fact]
    public async Task Formatting_returns_the_formatters_text_as_one_edit()
    {
        const string text = "policy   A.B;\ndomain vm{map 0x0 size 4KiB->0x1000 read;// ring\n}\n\n\n\ndevice d 00:01.0 -> vm ;\n";
        var (session, uri) = await Open(text, "format.vtd");
        await using var _ = session;

        var edits = await session.RequestAsync<TextEdit[]>("textDocument/formatting",
            new DocumentFormattingParams(new TextDocumentIdentifier(uri), new FormattingOptions(4, true)));

        string formatted = LspText.Apply(text, edits);
        Assert.Equal(PolicyFormatter.Format(text, out string? _), formatted);
        Assert.Equal("policy A.B;\ndomain vm {\n    map 0x0 size 4KiB -> 0x1000 read;  // ring\n}\n\ndevice d 00:01.0 -> vm;\n", formatted);
        await session.ChangeAsync(uri, 2, new TextDocumentContentChangeEvent(null, formatted));
        Assert.Empty(await session.RequestAsync<TextEdit[]>("textDocument/formatting",
            new DocumentFormattingParams(new TextDocumentIdentifier(uri), new FormattingOptions(4, true))));
    }

    [Theory]
    [InlineData("VTD1002", "device d 00:01.0 -> vm_one;", "vm_one", "domain vm_on {")]
    [InlineData("VTD1003", "interrupt nicc vector 0x41 -> cpu 0;", "nicc", "device nic ")]
    [InlineData("VTD3001", "domain usb { identity 0x7D80_0800 size 0x1800 read write; }", "identity", null)]
    [InlineData("VTD3008", "domain b { map 0x0 size 2MiB -> 0x3_0000_0000 read write; }\ndevice e 00:05.0 -> b;", "map 0x0 size 2MiB", null)]
    [InlineData("VTD2007", "\ndomain empty { map 0x0 size 4KiB -> 0x9000 read; }\n", "empty", null)]
    public async Task Quick_fixes_resolve_their_diagnostic(string id, string addition, string at, string? unused)
    {
        string text = "policy A.B;\nmemory ram 0x0 size 64GiB;\ndomain vm_on { map 0x0 size 2MiB -> 0x3_0000_0000 read write; map 0x1000_0000 size 4KiB -> 0x1000 read; }\n"
            + "device nic 00:01.0 -> vm_on;\ndomain usb_host { map 0x0 size 4KiB -> 0x2000 read; }\ndevice u 00:02.0 -> usb_host;\n" + addition + "\n";
        var (session, uri) = await Open(text, $"fix-{id}.vtd");
        await using var _ = session;
        var diagnostics = (await session.DiagnosticsAsync(uri, 1)).Diagnostics;
        var diagnostic = Assert.Single(diagnostics, d => d.Code == id && d.Range.Start.Line >= LspText.At(text, at).Line - (id == "VTD3008" ? 6 : 0));

        var actions = await session.RequestAsync<CodeAction[]>("textDocument/codeAction",
            new CodeActionParams(new TextDocumentIdentifier(uri), diagnostic.Range, new CodeActionContext(diagnostics.ToList(), null)));

        var action = Assert.Single(actions, a => a.Diagnostics!.Any(d => d.Code == id));
        Assert.Equal("quickfix", action.Kind);
        string fixedText = LspText.Apply(text, action.Edit.Changes[uri]);
        var after = VtdCompiler.Compile("fixed.vtd", fixedText);
        Assert.DoesNotContain(after.Diagnostics, d => d.Id == id);
        Assert.DoesNotContain(after.Diagnostics, d => d.Id == "VTD0001");
        Assert.True(after.Diagnostics.Count < diagnostics.Count, string.Join("\n", after.Diagnostics));
        Assert.True(unused is null || fixedText.Contains(unused));
    }

    [Fact]
    public async Task Folding_ranges_cover_blocks_and_comment_runs()
    {
        const string text = "// one\n// two\n// three\npolicy A.B;\ndomain vm {\n    map 0x0 size 4KiB -> 0x1000 read;\n    id 3;\n}\n/*\n long\n*/\n";
        var (session, uri) = await Open(text, "folding.vtd");
        await using var _ = session;

        var ranges = await session.RequestAsync<FoldingRange[]>("textDocument/foldingRange", new DocumentParams(new TextDocumentIdentifier(uri)));

        Assert.Equal(new[] { (0, 2, "comment"), (4, 6, (string?)null), (8, 10, "comment") }, ranges.Select(r => (r.StartLine, r.EndLine, r.Kind)));
    }

    [Fact]
    public async Task Semantic_tokens_type_names_by_what_they_resolved_to()
    {
        const string text = "policy A.B;\ndomain vm { map 0x0 size 4KiB -> 0x1000 read; }\ndevice d 00:01.0 -> vm;\n";
        var (session, uri) = await Open(text, "tokens.vtd");
        await using var _ = session;

        var decoded = await DecodedTokens(session, uri);

        Assert.Contains((1, 7, 2, "namespace", 1), decoded);
        Assert.Contains((2, 20, 2, "namespace", 0), decoded);
        Assert.Contains((2, 7, 1, "class", 1), decoded);
        Assert.Contains((1, 0, 6, "keyword", 0), decoded);
        Assert.Contains((1, 25, 4, "number", 0), decoded);
        Assert.Contains((2, 9, 7, "string", 0), decoded);

        // A contextual keyword written as a name is typed as that name.
        string keywordUri = LspSession.Uri("keyword-names.vtd");
        await session.OpenAsync(keywordUri, "policy A.B;\ndomain legacy { map 0x0 size 4KiB -> 0x1000 read; }\ndevice d 00:01.0 -> legacy;\n");
        await session.DiagnosticsAsync(keywordUri, 1);
        var keywordNames = await DecodedTokens(session, keywordUri);
        Assert.Contains((1, 7, 6, "namespace", 1), keywordNames);
        Assert.Contains((2, 20, 6, "namespace", 0), keywordNames);
    }

    /// <summary>The document's semantic tokens, decoded from LSP's relative encoding.</summary>
    private static async Task<List<(int Line, int Character, int Length, string Type, int Modifiers)>> DecodedTokens(LspSession session, string uri)
    {
        var tokens = await session.RequestAsync<SemanticTokens>("textDocument/semanticTokens/full", new DocumentParams(new TextDocumentIdentifier(uri)));
        var legend = VtdDsl.LanguageServer.Features.SemanticTokensFeature.Legend.TokenTypes;
        var decoded = new List<(int Line, int Character, int Length, string Type, int Modifiers)>();
        int line = 0, character = 0;
        for (int i = 0; i < tokens.Data.Length; i += 5)
        {
            line += tokens.Data[i];
            character = tokens.Data[i] == 0 ? character + tokens.Data[i + 1] : tokens.Data[i + 1];
            decoded.Add((line, character, tokens.Data[i + 2], legend[tokens.Data[i + 3]], tokens.Data[i + 4]));
        }
        return decoded;
    }
}
