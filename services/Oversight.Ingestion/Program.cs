using Oversight.Ingestion;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddIngestion();

var app = builder.Build();
app.MapIngestion();

app.Run();
