// Licensed under the MIT License.

using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiOps.Middleware.Tests;

[JsonSerializable(typeof(JsonElement))]
internal sealed partial class SimJsonContext : JsonSerializerContext;
