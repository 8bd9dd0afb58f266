using System;
using System.Globalization;
using System.Text;

namespace VtdDsl.Testing;

/// <summary>
/// The one way tests, property generators and benchmarks write <c>.vtd</c> text: a fluent
/// builder that appends each declaration as the language reference spells it, one declaration a
/// line (a domain's statements one a line inside its block), so a test can also count lines.
/// It checks nothing: hostile tests use it to write invalid policies too
/// (<see cref="Line"/> takes anything verbatim).
/// </summary>
/// <example><code>
/// string text = new SpecBuilder("Test.TwoVm")
///     .Domain("vm1", d => d.Id(2).Map(0x0, 2 * SpecBuilder.GiB, 0x1_0000_0000, "read write"))
///     .Device("03:00.0", "vm1", name: "nic")
///     .Interrupt("nic", 0x41, cpu: 2)
///     .Build();
/// </code></example>
public sealed class SpecBuilder
{
    /// <summary>2^10.</summary>
    public const ulong KiB = 1UL << 10;

    /// <summary>2^20.</summary>
    public const ulong MiB = 1UL << 20;

    /// <summary>2^30.</summary>
    public const ulong GiB = 1UL << 30;

    private readonly StringBuilder _text;

    /// <summary>Starts a spec with its <c>policy NAME;</c> line (no line at all for a null name).</summary>
    /// <param name="policyName">The dotted policy name, or null for a spec without a policy line.</param>
    /// <param name="capacity">Characters to reserve (large specs).</param>
    /// <param name="comment">A first comment line, before the policy line.</param>
    public SpecBuilder(string? policyName, int capacity = 256, string? comment = null)
    {
        _text = new StringBuilder(capacity);
        if (comment is not null) Comment(comment);
        if (policyName is not null) _text.Append("policy ").Append(policyName).Append(";\n");
    }

    /// <summary>A <c>// text</c> line.</summary>
    public SpecBuilder Comment(string text)
    {
        _text.Append("// ").Append(text).Append('\n');
        return this;
    }

    /// <summary>An empty line.</summary>
    public SpecBuilder Blank()
    {
        _text.Append('\n');
        return this;
    }

    /// <summary>Any text, verbatim, as one line (for what the builder has no method for, or invalid input).</summary>
    public SpecBuilder Line(string text)
    {
        _text.Append(text).Append('\n');
        return this;
    }

    /// <summary>
    /// <c>iommu NAME { STATEMENT; … }</c> (<c>"segment 1"</c>, <c>"mode scalable"</c>): one line for
    /// none or one statement, else one statement a line.
    /// </summary>
    public SpecBuilder Iommu(string name, params string[] statements)
    {
        _text.Append("iommu ").Append(name);
        if (statements.Length <= 1)
        {
            _text.Append(statements.Length == 0 ? " { }\n" : " { " + statements[0] + "; }\n");
            return this;
        }
        _text.Append(" {\n");
        foreach (string statement in statements) _text.Append("    ").Append(statement).Append(";\n");
        _text.Append("}\n");
        return this;
    }

    /// <summary><c>memory NAME BASE size SIZE;</c></summary>
    public SpecBuilder Memory(string name, ulong baseAddress, ulong size) => Region("memory", name, baseAddress, size);

    /// <summary><c>protect NAME BASE size SIZE;</c></summary>
    public SpecBuilder Protect(string name, ulong baseAddress, ulong size) => Region("protect", name, baseAddress, size);

    /// <summary><c>process NAME;</c></summary>
    public SpecBuilder Process(string name) => Line("process " + name + ";");

    /// <summary><c>domain NAME { … }</c>; <paramref name="body"/> writes its statements (none: <c>domain NAME { }</c>).</summary>
    public SpecBuilder Domain(string name, Action<DomainBody>? body = null) => DomainBlock(name, passthrough: false, body);

    /// <summary><c>domain NAME passthrough;</c>, or <c>domain NAME passthrough { … }</c> with statements.</summary>
    public SpecBuilder PassthroughDomain(string name, Action<DomainBody>? body = null)
    {
        if (body is null) return Line("domain " + name + " passthrough;");
        return DomainBlock(name, passthrough: true, body);
    }

    /// <summary>
    /// <c>device [NAME] SID [via SID2] -> DOMAIN;</c>, or with <paramref name="options"/>
    /// (<c>"ats"</c>, <c>"pri"</c>, <c>"pasid 0x1 -> process p"</c>) <c>{ OPTION; … }</c> on the same line.
    /// </summary>
    public SpecBuilder Device(string source, string domain, string? name = null, string? via = null, params string[] options)
    {
        _text.Append("device ");
        if (name is not null) _text.Append(name).Append(' ');
        _text.Append(source);
        if (via is not null) _text.Append(" via ").Append(via);
        _text.Append(" -> ").Append(domain);
        return Options(options);
    }

    /// <summary>
    /// <c>interrupt DEVICE vector 0xVV -> cpu N;</c>, or with <paramref name="options"/>
    /// (<c>"index 7"</c>, <c>"trigger level"</c>, <c>"mode lowest-priority"</c>) <c>{ OPTION; … }</c>.
    /// </summary>
    public SpecBuilder Interrupt(string device, ulong vector, ulong cpu, params string[] options)
    {
        _text.Append("interrupt ").Append(device).Append(" vector 0x").Append(vector.ToString("X2", CultureInfo.InvariantCulture))
            .Append(" -> cpu ").Append(cpu.ToString(CultureInfo.InvariantCulture));
        return Options(options);
    }

    /// <summary>Characters written so far.</summary>
    public int Length => _text.Length;

    /// <summary>The spec's text.</summary>
    public string Build() => _text.ToString();

    /// <inheritdoc/>
    public override string ToString() => Build();

    /// <summary><c>0x1F000</c>: hexadecimal, upper-case digits.</summary>
    public static string Hex(ulong value) => "0x" + value.ToString("X", CultureInfo.InvariantCulture);

    /// <summary><c>2GiB</c>, <c>12KiB</c>: the largest unit that divides the size; a size below 1 KiB or not a multiple of it in bytes.</summary>
    public static string Size(ulong bytes)
    {
        var c = CultureInfo.InvariantCulture;
        if (bytes == 0) return "0";
        if (bytes % GiB == 0) return (bytes / GiB).ToString(c) + "GiB";
        if (bytes % MiB == 0) return (bytes / MiB).ToString(c) + "MiB";
        if (bytes % KiB == 0) return (bytes / KiB).ToString(c) + "KiB";
        return bytes.ToString(c);
    }

    private SpecBuilder Region(string keyword, string name, ulong baseAddress, ulong size) =>
        Line($"{keyword} {name} {Hex(baseAddress)} size {Size(size)};");

    private SpecBuilder DomainBlock(string name, bool passthrough, Action<DomainBody>? body)
    {
        _text.Append("domain ").Append(name).Append(passthrough ? " passthrough" : "");
        int start = _text.Length;
        _text.Append(" {\n");
        body?.Invoke(new DomainBody(_text));
        if (_text.Length == start + 3)
        {
            _text.Length = start;
            _text.Append(" { }\n");
        }
        else
        {
            _text.Append("}\n");
        }
        return this;
    }

    private SpecBuilder Options(string[] options)
    {
        if (options.Length == 0)
        {
            _text.Append(";\n");
            return this;
        }
        _text.Append(" {");
        foreach (string option in options) _text.Append(' ').Append(option).Append(';');
        _text.Append(" }\n");
        return this;
    }

    /// <summary>The statements of one domain block, each on its own line.</summary>
    public readonly struct DomainBody
    {
        private readonly StringBuilder _text;

        internal DomainBody(StringBuilder text) => _text = text;

        /// <summary><c>id N;</c></summary>
        public DomainBody Id(ulong id) => Statement("id " + id.ToString(CultureInfo.InvariantCulture));

        /// <summary><c>address-width W;</c></summary>
        public DomainBody AddressWidth(int width) => Statement("address-width " + width.ToString(CultureInfo.InvariantCulture));

        /// <summary><c>map IOVA size SIZE -> HPA RIGHTS [shared];</c> (<paramref name="rights"/>: <c>"read"</c>, <c>"write"</c>, <c>"read write"</c>).</summary>
        public DomainBody Map(ulong iova, ulong size, ulong host, string rights, bool shared = false)
        {
            _text.Append("    map ").Append(Hex(iova)).Append(" size ").Append(Size(size)).Append(" -> ").Append(Hex(host))
                .Append(' ').Append(rights).Append(shared ? " shared;\n" : ";\n");
            return this;
        }

        /// <summary><c>identity HPA size SIZE RIGHTS [shared];</c></summary>
        public DomainBody Identity(ulong host, ulong size, string rights, bool shared = false)
        {
            _text.Append("    identity ").Append(Hex(host)).Append(" size ").Append(Size(size))
                .Append(' ').Append(rights).Append(shared ? " shared;\n" : ";\n");
            return this;
        }

        /// <summary>Any statement, verbatim, with its <c>;</c> added.</summary>
        public DomainBody Statement(string statement)
        {
            _text.Append("    ").Append(statement).Append(";\n");
            return this;
        }
    }
}
