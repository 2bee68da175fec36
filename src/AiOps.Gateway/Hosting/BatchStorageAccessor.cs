// Licensed under the MIT License.

namespace AiOps.Gateway;

/// <summary>Holds the batch storage clients, or <see langword="null"/> when no storage connection is configured.</summary>
internal sealed record BatchStorageAccessor(BatchStorage? Storage);
