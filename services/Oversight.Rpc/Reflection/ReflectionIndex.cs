using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Reflection.V1;
using Oversight.Rpc.Server;

namespace Oversight.Rpc.Reflection;

/// <summary>Answers reflection requests from the descriptors of the mapped services.</summary>
internal sealed class ReflectionIndex
{
    private readonly List<string> _serviceNames = [];
    private readonly Dictionary<string, FileDescriptor> _files = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FileDescriptor> _symbols = new(StringComparer.Ordinal);

    public ReflectionIndex(IEnumerable<ServiceDescriptor> services)
    {
        foreach (var service in services)
        {
            _serviceNames.Add(service.FullName);
            AddFile(service.File);
        }
    }

    public ServerReflectionResponse Answer(ServerReflectionRequest request)
    {
        var response = new ServerReflectionResponse { ValidHost = request.Host, OriginalRequest = request };
        switch (request.MessageRequestCase)
        {
            case ServerReflectionRequest.MessageRequestOneofCase.ListServices:
                response.ListServicesResponse = new ListServiceResponse();
                response.ListServicesResponse.Service.AddRange(_serviceNames.Select(n => new ServiceResponse { Name = n }));
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileByFilename:
                SetFile(response, _files.GetValueOrDefault(request.FileByFilename), $"未找到文件 '{request.FileByFilename}' (file not found)");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingSymbol:
                SetFile(response, _symbols.GetValueOrDefault(request.FileContainingSymbol.TrimStart('.')), $"未找到符号 '{request.FileContainingSymbol}' (symbol not found)");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.FileContainingExtension:
                response.ErrorResponse = Error(StatusCode.NotFound, "这些服务的消息没有扩展 (no extensions are defined)");
                break;
            case ServerReflectionRequest.MessageRequestOneofCase.AllExtensionNumbersOfType:
                var typeName = request.AllExtensionNumbersOfType.TrimStart('.');
                if (_symbols.ContainsKey(typeName))
                {
                    response.AllExtensionNumbersResponse = new ExtensionNumberResponse { BaseTypeName = typeName };
                }
                else
                {
                    response.ErrorResponse = Error(StatusCode.NotFound, $"未找到类型 '{typeName}' (type not found)");
                }
                break;
            default:
                response.ErrorResponse = Error(StatusCode.InvalidArgument, "反射请求为空 (empty reflection request)");
                break;
        }
        return response;
    }

    // The file and everything it imports, so a client can build the descriptors in one round trip.
    private static void SetFile(ServerReflectionResponse response, FileDescriptor? file, string notFound)
    {
        if (file is null)
        {
            response.ErrorResponse = Error(StatusCode.NotFound, notFound);
            return;
        }
        var ordered = new List<FileDescriptor>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Visit(file);
        response.FileDescriptorResponse = new FileDescriptorResponse();
        response.FileDescriptorResponse.FileDescriptorProto.AddRange(ordered.Select(f => f.SerializedData));

        void Visit(FileDescriptor current)
        {
            if (!seen.Add(current.Name))
            {
                return;
            }
            ordered.Add(current);
            foreach (var dependency in current.Dependencies)
            {
                Visit(dependency);
            }
        }
    }

    private static ErrorResponse Error(StatusCode code, string message) => new() { ErrorCode = (int)code, ErrorMessage = message };

    private void AddFile(FileDescriptor file)
    {
        if (!_files.TryAdd(file.Name, file))
        {
            return;
        }
        foreach (var dependency in file.Dependencies)
        {
            AddFile(dependency);
        }
        foreach (var service in file.Services)
        {
            _symbols[service.FullName] = file;
            foreach (var method in service.Methods)
            {
                _symbols[method.FullName] = file;
            }
        }
        foreach (var message in file.MessageTypes)
        {
            AddMessage(message, file);
        }
        foreach (var enumType in file.EnumTypes)
        {
            _symbols[enumType.FullName] = file;
        }
    }

    private void AddMessage(MessageDescriptor message, FileDescriptor file)
    {
        _symbols[message.FullName] = file;
        foreach (var nested in message.NestedTypes)
        {
            AddMessage(nested, file);
        }
        foreach (var enumType in message.EnumTypes)
        {
            _symbols[enumType.FullName] = file;
        }
    }
}

/// <summary>Builds the index once the services are mapped (they all are before the first call).</summary>
public sealed class ReflectionIndexProvider(GrpcServiceRegistry registry)
{
    private ReflectionIndex? _index;
    private int _serviceCount = -1;

    internal ReflectionIndex Index
    {
        get
        {
            var services = registry.Services;
            if (_index is null || services.Count != _serviceCount)
            {
                _index = new ReflectionIndex(services);
                _serviceCount = services.Count;
            }
            return _index;
        }
    }
}
