// Licensed under the MIT License.

namespace AiOps;

/// <summary>The process-wide model: loaded once, on first use, by whichever thread gets there first.</summary>
/// <remarks>A failed load is not remembered: the next call tries again (for example after a missing native library was installed).
/// The model stays loaded for the life of the process; generators share it and do not dispose it.</remarks>
internal static class MiniLmModelHost
{
    private static readonly object _gate = new();
    private static volatile MiniLmModel? _model;

    /// <summary>Gets a value indicating whether the model is loaded.</summary>
    public static bool IsLoaded => _model is not null;

    /// <summary>Gets the model, loading it on first use.</summary>
    /// <returns>The shared model.</returns>
    /// <exception cref="AiException">The model cannot run on this platform.</exception>
    public static MiniLmModel Get()
    {
        MiniLmModel? model = _model;
        if (model is not null)
        {
            return model;
        }

        lock (_gate)
        {
            return _model ??= MiniLmModel.Load();
        }
    }
}
