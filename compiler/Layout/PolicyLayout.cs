using VtdDsl.Compiler.Collections;

namespace VtdDsl.Compiler.Layout;

/// <summary>
/// The lookup tables of a policy as flat arrays of primitives: the single layout the generator
/// emits as constant data and the CLI hands to the runtime's PolicyEngine. Its columns are declared
/// in TableColumns.txt, beside this file, and are those of the runtime's <c>IPolicyTables</c> and
/// <c>IPasidTables</c>, member for member. Equatable, so it can be an incremental generator pipeline value.
/// </summary>
/// <remarks>
/// <para>
/// <c>Domains</c>, <c>Windows</c> and <c>WindowTree</c> are packed records (<see cref="TableSchema.DomainRecord"/>,
/// <see cref="TableSchema.WindowRecord"/>, <see cref="TableSchema.TreeNode"/>): each domain's windows and the
/// search tree over them, every tree <c>TreeLevels</c> deep (<see cref="TableSchema.Tree"/>); docs/table-layout.md says why.
/// </para>
/// Scalable mode adds PASID bindings: <c>PasidOwner</c> lists, sorted, the source keys
/// (segment &lt;&lt; 16 | requester id) of devices with <c>pasid</c> lines; <c>PasidOwnerStart</c>
/// (CSR) gives each owner's bindings, sorted by <c>PasidValue</c>; <c>PasidTarget</c> is a domain
/// number, or a process number when <c>PasidFlags</c> has <see cref="PasidProcess"/>;
/// <c>ProcessDomainId</c> is each process's domain id.
/// </remarks>
public sealed partial record PolicyLayout
{
    // The columns are generated from TableColumns.txt (PolicyLayout.Columns.g.cs), each a required
    // member: the layout builder sets them by name, and one it forgets is a compile error.

    /// <summary>The dotted policy name.</summary>
    public required string PolicyName { get; init; }

    /// <summary>Number of domains (<see cref="Domains"/> holds <see cref="TableSchema.DomainRecord.Words"/> words each).</summary>
    public int DomainCount => Domains.Count / TableSchema.DomainRecord.Words;

    /// <summary>Number of windows (<see cref="Windows"/> holds <see cref="TableSchema.WindowRecord.Words"/> words each).</summary>
    public int WindowCount => Windows.Count / TableSchema.WindowRecord.Words;

    /// <summary>Number of window tree nodes (<see cref="WindowTree"/> holds <see cref="TableSchema.TreeNode.Words"/> words each).</summary>
    public int TreeNodeCount => WindowTree.Count / TableSchema.TreeNode.Words;

    /// <summary>How many windows domain <paramref name="domain"/> has (its record's window count).</summary>
    public int WindowCountOf(int domain) =>
        (int)(Domains[domain * TableSchema.DomainRecord.Words] >> TableSchema.DomainRecord.WindowCountOffset * 8);

    /// <summary>
    /// How many domains have no windows (pass-through domains, and domains that reach no memory): the
    /// runtime's <c>IPolicyTables.DomainsWithoutWindows</c>, which the generator writes as a constant.
    /// </summary>
    public int DomainsWithoutWindows
    {
        get
        {
            int count = 0;
            for (int d = 0; d < DomainCount; d++) count += WindowCountOf(d) == 0 ? 1 : 0;
            return count;
        }
    }
}
