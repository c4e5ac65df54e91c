using System.ComponentModel;

// Lets records and init accessors compile on netstandard2.0.
namespace System.Runtime.CompilerServices;

[EditorBrowsable(EditorBrowsableState.Never)]
internal static class IsExternalInit
{
}
