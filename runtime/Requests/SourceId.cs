using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace VtdDsl;

/// <summary>A PCI requester: segment, bus, device (0–31) and function (0–7).</summary>
public readonly struct SourceId : IEquatable<SourceId>, IComparable<SourceId>, ISpanFormattable
{
    private readonly uint _value; // segment << 16 | requester id

    /// <summary>A source id from its parts: segment, bus, device (0–31) and function (0–7).</summary>
    public SourceId(ushort segment, byte bus, byte device, byte function)
    {
        if (device > 31) throw new ArgumentOutOfRangeException(nameof(device), device, "A PCI device number is 0 to 31.");
        if (function > 7) throw new ArgumentOutOfRangeException(nameof(function), function, "A PCI function number is 0 to 7.");
        _value = (uint)segment << 16 | (uint)bus << 8 | (uint)device << 3 | function;
    }

    private SourceId(uint value) => _value = value;

    /// <summary>Creates a source id from a segment and a 16-bit requester id (<c>bus &lt;&lt; 8 | device &lt;&lt; 3 | function</c>).</summary>
    public static SourceId FromRequesterId(ushort segment, ushort requesterId) => new((uint)segment << 16 | requesterId);

    /// <summary>The PCI segment (0 on most machines).</summary>
    public ushort Segment => (ushort)(_value >> 16);
    /// <summary>The bus number.</summary>
    public byte Bus => (byte)(_value >> 8);
    /// <summary>The device number (0–31).</summary>
    public byte Device => (byte)((_value >> 3) & 0x1F);
    /// <summary>The function number (0–7).</summary>
    public byte Function => (byte)(_value & 7);

    /// <summary>The 16-bit requester id carried by the DMA request: <c>bus &lt;&lt; 8 | device &lt;&lt; 3 | function</c>.</summary>
    public ushort RequesterId => (ushort)_value;

    /// <summary>Segment and requester id in one value: <c>segment &lt;&lt; 16 | requester id</c>.</summary>
    public uint Value => _value;

    /// <summary>Parses <c>BB:DD.F</c> or <c>SSSS:BB:DD.F</c> (hexadecimal); throws <see cref="FormatException"/> otherwise.</summary>
    public static SourceId Parse(string text) => Parse(text.AsSpan());

    /// <summary>Parses <c>BB:DD.F</c> or <c>SSSS:BB:DD.F</c> (hexadecimal); throws <see cref="FormatException"/> otherwise.</summary>
    public static SourceId Parse(ReadOnlySpan<char> text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text.ToString()}' is not a PCI source id (BB:DD.F or SSSS:BB:DD.F, hexadecimal).");

    /// <summary>Parses <c>BB:DD.F</c> or <c>SSSS:BB:DD.F</c> (hexadecimal); false for anything else.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out SourceId id) => TryParse(text.AsSpan(), out id);

    /// <summary>Accepts <c>BB:DD.F</c> and <c>SSSS:BB:DD.F</c> in hexadecimal, with the ranges of PCI.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out SourceId id)
    {
        id = default;
        text = text.Trim();
        ushort segment = 0;
        int firstColon = text.IndexOf(':');
        if (firstColon < 0) return false;
        int secondColon = text[(firstColon + 1)..].IndexOf(':');
        if (secondColon >= 0)
        {
            if (!TryHex(text[..firstColon], 4, out uint seg)) return false;
            segment = (ushort)seg;
            text = text[(firstColon + 1)..];
            firstColon = secondColon;
        }
        int dot = text.IndexOf('.');
        if (dot < firstColon) return false;
        if (!TryHex(text[..firstColon], 2, out uint bus)
            || !TryHex(text[(firstColon + 1)..dot], 2, out uint device)
            || !TryHex(text[(dot + 1)..], 1, out uint function)
            || device > 31 || function > 7)
        {
            return false;
        }
        id = new SourceId(segment, (byte)bus, (byte)device, (byte)function);
        return true;
    }

    private static bool TryHex(ReadOnlySpan<char> digits, int maxDigits, out uint value)
    {
        value = 0;
        return digits.Length > 0 && digits.Length <= maxDigits
            && uint.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Same segment and requester id.</summary>
    public bool Equals(SourceId other) => _value == other._value;
    /// <summary>Same segment and requester id.</summary>
    public override bool Equals(object? obj) => obj is SourceId other && Equals(other);
    /// <summary>A hash of segment and requester id.</summary>
    public override int GetHashCode() => (int)_value;
    /// <summary>Orders by segment, then bus, device and function.</summary>
    public int CompareTo(SourceId other) => _value.CompareTo(other._value);
    /// <summary>Same segment and requester id.</summary>
    public static bool operator ==(SourceId left, SourceId right) => left._value == right._value;
    /// <summary>A different segment or requester id.</summary>
    public static bool operator !=(SourceId left, SourceId right) => left._value != right._value;

    /// <summary>Formats as <c>0000:03:00.0</c>.</summary>
    public override string ToString() => $"{Segment:x4}:{Bus:x2}:{Device:x2}.{Function:x1}";

    /// <summary><c>SSSS:BB:DD.F</c> in lower-case hexadecimal (the format is ignored).</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    /// <summary>Writes <c>SSSS:BB:DD.F</c> without allocating; false when <paramref name="destination"/> is too short.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        destination.TryWrite(CultureInfo.InvariantCulture, $"{Segment:x4}:{Bus:x2}:{Device:x2}.{Function:x1}", out charsWritten);
}
