namespace VtdDsl.Tests.Runtime;

/// <summary>
/// The engine's branch-free width test agrees with the plain definition for every width its byte can
/// hold (the validator allows 21 to 57; a hand-written <see cref="IPolicyTables"/> can hold any), at every
/// address where the answer changes.
/// </summary>
public class BeyondWidthTests
{
    private static bool Beyond(ulong address, int width) => width < 64 && address > (1UL << width) - 1;

    [Fact]
    public void Agrees_with_the_definition_for_every_width_and_every_boundary()
    {
        var addresses = new List<ulong> { 0, ulong.MaxValue };
        for (int bit = 0; bit < 64; bit++)
        {
            ulong power = 1UL << bit;
            addresses.AddRange([power - 1, power, power + 1, power | power >> 1, ulong.MaxValue >> (63 - bit)]);
        }
        for (int width = 0; width <= byte.MaxValue; width++)
        {
            foreach (ulong address in addresses)
                Assert.True(Beyond(address, width) == (PolicyEngine.BeyondWidth(address, width) == 1), $"address 0x{address:x}, width {width}");
        }
    }

    [Theory]
    [InlineData(39, (1UL << 39) - 1, 0)]
    [InlineData(39, 1UL << 39, 1)]
    [InlineData(57, ulong.MaxValue, 1)]
    [InlineData(64, ulong.MaxValue, 0)]
    [InlineData(200, ulong.MaxValue, 0)]
    [InlineData(0, 0, 0)]
    [InlineData(0, 1, 1)]
    public void Is_one_exactly_beyond_the_width(int width, ulong address, int beyond) =>
        Assert.Equal(beyond, PolicyEngine.BeyondWidth(address, width));
}
