using System.Threading.Tasks;
using VtdDsl.LanguageServer.Protocol;
using Range = VtdDsl.LanguageServer.Protocol.Range;

namespace VtdDsl.Tests.LanguageServer;

/// <summary>publishDiagnostics: on open and on every change, with the version, the VTD id, the catalogue link, related locations and configured severities.</summary>
public sealed class DiagnosticsTests
{
    [Fact]
    public async Task Initialize_announces_utf16_positions_and_every_feature()
    {
        await using var session = new LspSession();
        var result = await session.InitializeAsync();
        var capabilities = result.Capabilities;

        Assert.Equal("utf-16", capabilities.PositionEncoding);
        Assert.Equal(TextDocumentSyncKind.Incremental, capabilities.TextDocumentSync.Change);
        Assert.True(capabilities.TextDocumentSync.OpenClose);
        Assert.True(capabilities.HoverProvider && capabilities.DefinitionProvider && capabilities.ReferencesProvider);
        Assert.True(capabilities.DocumentHighlightProvider && capabilities.DocumentSymbolProvider && capabilities.DocumentFormattingProvider);
        Assert.True(capabilities.RenameProvider.PrepareProvider);
        Assert.Contains("quickfix", capabilities.CodeActionProvider.CodeActionKinds);
        Assert.True(capabilities.FoldingRangeProvider);
        Assert.True(capabilities.SemanticTokensProvider.Full);
        Assert.Equal("vtd", result.ServerInfo.Name);
        Assert.Equal(0, await session.ShutdownAndExitAsync());
    }

    [Fact]
    public async Task Open_publishes_the_compilers_diagnostics_with_id_link_and_related_location()
    {
        string text = RepositoryPaths.ReadText("specs/invalid/VTD3008.vtd");
        string uri = LspSession.Uri("vtd3008.vtd");
        await using var session = new LspSession();
        await session.InitializeAsync();

        await session.OpenAsync(uri, text, version: 7);
        var published = await session.DiagnosticsAsync(uri, 7);

        var diagnostic = Assert.Single(published.Diagnostics);
        Assert.Equal("VTD3008", diagnostic.Code);
        Assert.Equal("vtd", diagnostic.Source);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("https://example.invalid/vtddsl/docs/diagnostics.md#vtd3008", diagnostic.CodeDescription!.Href);
        Assert.Contains("'vm1' and 'vm2'", diagnostic.Message);
        Assert.Equal(LspText.At(text, "map 0x8000_0000", occurrence: 1), diagnostic.Range.Start);
        var related = Assert.Single(diagnostic.RelatedInformation!);
        Assert.Equal(uri, related.Location.Uri);
        Assert.Equal(LspText.At(text, "map 0x8000_0000", occurrence: 0), related.Location.Range.Start);
    }

    [Fact]
    public async Task Every_change_is_checked_and_published_with_its_version()
    {
        const string clean = "policy A.B;\ndomain vm { map 0x0 size 4KiB -> 0x1000 read; }\ndevice d 00:01.0 -> vm;\n";
        string uri = LspSession.Uri("changes.vtd");
        await using var session = await LspSession.OpenedAsync(uri, clean);
        Assert.Empty((await session.DiagnosticsAsync(uri, 1)).Diagnostics);

        // Misspell the domain the device names: VTD1002 at exactly the edited name.
        var name = LspText.RangeOf(clean, "vm;");
        var edit = new Range(name.Start, name.Start with { Character = name.Start.Character + 2 });
        await session.ChangeAsync(uri, 2, new TextDocumentContentChangeEvent(edit, "vn"));
        var broken = Assert.Single((await session.DiagnosticsAsync(uri, 2)).Diagnostics, d => d.Code == "VTD1002");
        Assert.Equal(edit, broken.Range);

        await session.ChangeAsync(uri, 3, new TextDocumentContentChangeEvent(edit, "vm"));
        Assert.Empty((await session.DiagnosticsAsync(uri, 3)).Diagnostics);
    }

    [Fact]
    public async Task Rapid_changes_apply_in_order_and_only_the_last_version_is_published_after_it()
    {
        string uri = LspSession.Uri("rapid.vtd");
        await using var session = await LspSession.OpenedAsync(uri, "policy A.B;\n", new VtdDsl.LanguageServer.Server.ServerOptions { Debounce = TimeSpan.FromMilliseconds(200) });
        await session.DiagnosticsAsync(uri, 1);

        // Type a domain name one character at a time, each keystroke a change at the end of the text.
        string typed = "domain abcdefghijklmnop { map 0x0 size 4KiB -> 0x1000 read; }\n";
        for (int i = 0; i < typed.Length; i++)
        {
            var end = new Position(1, i);
            await session.ChangeAsync(uri, 2 + i, new TextDocumentContentChangeEvent(new Range(end, end), typed[i].ToString()));
        }
        int last = 1 + typed.Length;
        var published = await session.DiagnosticsAsync(uri, last);

        // The whole text arrived in order: exactly the one warning of the finished declaration.
        Assert.Equal("VTD2007", Assert.Single(published.Diagnostics).Code);
        var hover = await session.RequestAsync<Hover?>("textDocument/hover",
            new TextDocumentPositionParams(new TextDocumentIdentifier(uri), new Position(1, 10)));
        Assert.Contains("abcdefghijklmnop", hover!.Contents.Value);
        // Stale versions were cancelled, not published after a newer one.
        var versions = session.Published.Where(p => p.Uri == uri).Select(p => p.Version!.Value).ToList();
        Assert.Equal(versions.OrderBy(v => v), versions);
        Assert.True(versions.Count < typed.Length, $"{versions.Count} publications for {typed.Length} keystrokes: the debounce let stale checks through");
    }

    [Fact]
    public async Task A_change_older_than_the_current_version_is_ignored()
    {
        string uri = LspSession.Uri("out-of-order.vtd");
        await using var session = await LspSession.OpenedAsync(uri, "policy A.B;\n");
        await session.DiagnosticsAsync(uri, 1);

        await session.ChangeAsync(uri, 3, new TextDocumentContentChangeEvent(null, "policy A.B;\ndomain newer;\n"));
        await session.ChangeAsync(uri, 2, new TextDocumentContentChangeEvent(null, "policy A.B;\ndomain older;\n"));
        await session.DiagnosticsAsync(uri, 3);
        var symbols = await session.RequestAsync<DocumentSymbol[]>("textDocument/documentSymbol", new DocumentParams(new TextDocumentIdentifier(uri)));

        Assert.Equal("newer", Assert.Single(symbols).Name);
        Assert.DoesNotContain(session.Published, p => p.Uri == uri && p.Version == 2);
        Assert.Contains("stale change", session.Log);
    }

    [Fact]
    public async Task Severities_come_from_the_globalconfig_above_the_file_as_in_the_build()
    {
        string root = Directory.CreateTempSubdirectory("vtd-lsp-config-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, ".globalconfig"), "is_global = true\ndotnet_diagnostic.VTD3008.severity = error\ndotnet_diagnostic.VTD2007.severity = none\n");
            Directory.CreateDirectory(Path.Combine(root, "src"));
            string path = Path.Combine(root, "src", "policy.vtd");
            string text = RepositoryPaths.ReadText("specs/invalid/VTD3008.vtd") + "domain unused { map 0x0 size 4KiB -> 0x5000_0000 read; }\n";
            File.WriteAllText(path, text);
            string uri = new Uri(path).AbsoluteUri;
            await using var session = await LspSession.OpenedAsync(uri, text);

            var published = await session.DiagnosticsAsync(uri, 1);

            Assert.Equal(DiagnosticSeverity.Error, Assert.Single(published.Diagnostics).Severity);
            Assert.DoesNotContain(published.Diagnostics, d => d.Code == "VTD2007");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Closing_a_document_clears_its_diagnostics()
    {
        string uri = LspSession.Uri("closed.vtd");
        await using var session = await LspSession.OpenedAsync(uri, "policy A.B;\ndomain lonely { map 0x0 size 4KiB -> 0x1000 read; }\n");
        Assert.NotEmpty((await session.DiagnosticsAsync(uri, 1)).Diagnostics);

        await session.NotifyAsync("textDocument/didClose", new DidCloseTextDocumentParams(new TextDocumentIdentifier(uri)));
        var cleared = await session.DiagnosticsAsync(uri, version: null);
        Assert.Empty(cleared.Diagnostics);
    }

    [Fact]
    public async Task A_4096_window_document_is_diagnosed()
    {
        string text = LargeDocument.WithWindows(4096);
        string uri = LspSession.Uri("large.vtd");
        await using var session = await LspSession.OpenedAsync(uri, text);

        var published = await session.DiagnosticsAsync(uri, 1);

        Assert.Empty(published.Diagnostics);
        // A change in the middle is diagnosed too, at the right line.
        var position = LspText.At(text, "read write;", occurrence: 2048);
        await session.ChangeAsync(uri, 2, new TextDocumentContentChangeEvent(new Range(position, position with { Character = position.Character + "read write".Length }), "write"));
        var changed = Assert.Single((await session.DiagnosticsAsync(uri, 2)).Diagnostics);
        Assert.Equal(position.Line, changed.Range.Start.Line);
    }
}
