using System;
using System.Security.Cryptography;
using System.Text;

namespace AiOps.Infra.Tests.Infrastructure;

/// <summary>ARM's <c>guid(a, b, ...)</c>: a name-based (version 5) UUID over the arguments joined with '-'.</summary>
internal static class ArmGuid
{
    private static readonly Guid Namespace = new("11fb06fb-712d-4ddd-98c7-e71bbd588830");

    public static string Compute(params string[] arguments)
    {
        var name = Encoding.UTF8.GetBytes(string.Join('-', arguments));
        var namespaceBytes = Namespace.ToByteArray(bigEndian: true);
        var input = new byte[namespaceBytes.Length + name.Length];
        namespaceBytes.CopyTo(input, 0);
        name.CopyTo(input, namespaceBytes.Length);

#pragma warning disable CA5350 // Do Not Use Weak Cryptographic Algorithms: UUID version 5 is defined over SHA-1.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString("D");
    }
}
