module github.com/gokata/workbook

go 1.26

require pgregory.net/rapid v1.3.0

require github.com/google/go-cmp v0.7.0

require github.com/anishathalye/porcupine v1.3.1

require (
	github.com/pmezard/go-difflib v1.0.0
	github.com/stretchr/testify v1.11.1
	go.etcd.io/raft/v3 v3.7.0
	go.yaml.in/yaml/v3 v3.0.6
	google.golang.org/protobuf v1.36.11
)

require (
	github.com/davecgh/go-spew v1.1.1 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)
